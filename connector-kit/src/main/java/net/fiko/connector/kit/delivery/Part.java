package net.fiko.connector.kit.delivery;

import net.fiko.connector.kit.media.OutboundFile;

/**
 * One message of a reply as the platform takes it, each a call of its own and sent in order: a text (a reply's text,
 * or a piece of a text over the platform's length), or one of the agent's files with its caption, if any.
 */
public sealed interface Part {

    /** Text, within the platform's length. */
    record Text(String text) implements Part {}

    /** A file from the media store; {@code caption} is the reply's text where the platform shows it with the file. */
    record File(OutboundFile file, String caption) implements Part {}
}
