package net.fiko.local.console;

/** The demo tenant's accounts at the platform stand-ins, the same on every start. */
public final class DemoAccounts {

    /** The demo bot's token at the Telegram stand-in (its bot id is the number before the colon). */
    public static final String TELEGRAM_TOKEN = "7000000001:AAFikoLocalDemoBotToken-0123456789";
    /** The demo account's access token at the Instagram stand-in. */
    public static final String INSTAGRAM_TOKEN = "IGAA-fiko-local-demo";
    /** The app secret the Instagram stand-in signs webhooks with and the demo account is registered with. */
    public static final String INSTAGRAM_APP_SECRET = "fiko-local-demo-app-secret";

    private DemoAccounts() {}

    /** The account an access token belongs to at the Instagram stand-in: the same number for the same token. */
    public static String instagramAccount(String token) {
        return "17841" + String.format("%010d", Math.floorMod(token.hashCode(), 10_000_000_000L));
    }
}
