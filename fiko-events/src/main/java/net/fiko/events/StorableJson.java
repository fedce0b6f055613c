package net.fiko.events;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * A platform's JSON made storable throughout: every string value passes through {@link StorableText}, so a webhook
 * whose text, name or caption holds U+0000 or a broken surrogate becomes an event every consumer can store.
 */
public final class StorableJson {

    private StorableJson() {}

    /** Replaces, in place, what no store can hold in every string value of the tree; returns the same tree. */
    public static <T extends JsonNode> T clean(T tree) {
        if (tree instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                JsonNode value = field.getValue();
                if (value.isString()) {
                    String text = value.asString();
                    if (!StorableText.isStorable(text)) {
                        field.setValue(StringNode.valueOf(StorableText.of(text)));
                    }
                } else {
                    clean(value);
                }
            }
        } else if (tree instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                JsonNode value = array.get(i);
                if (value.isString()) {
                    String text = value.asString();
                    if (!StorableText.isStorable(text)) {
                        array.set(i, StringNode.valueOf(StorableText.of(text)));
                    }
                } else {
                    clean(value);
                }
            }
        }
        return tree;
    }
}
