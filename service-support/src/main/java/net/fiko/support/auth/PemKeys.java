package net.fiko.support.auth;

import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Reads a PEM public key ({@code -----BEGIN PUBLIC KEY-----}, X.509 SubjectPublicKeyInfo), RSA or EC. */
final class PemKeys {

    private PemKeys() {}

    static PublicKey publicKey(String pem) {
        byte[] der = Base64.getMimeDecoder()
                .decode(pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", ""));
        for (String algorithm : new String[] {"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
            } catch (java.security.GeneralSecurityException e) {
                // not a key of this kind: try the next
            }
        }
        throw new IllegalArgumentException("fiko.jwt.public-keys holds a key that is neither RSA nor EC");
    }
}
