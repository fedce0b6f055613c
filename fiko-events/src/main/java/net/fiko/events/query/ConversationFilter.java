package net.fiko.events.query;

/**
 * The list filters of the WebSocket protocol; every field may be null (no filter). {@code assignee} (added in this
 * version): {@code mine} (assigned to the agent asking), {@code unassigned}, or {@code all}.
 */
public record ConversationFilter(String status, String source, String search, Boolean unreadOnly, String assignee) {

    public static final String MINE = "mine";
    public static final String UNASSIGNED = "unassigned";
    public static final String ALL = "all";

    public ConversationFilter(String status, String source, String search, Boolean unreadOnly) {
        this(status, source, search, unreadOnly, null);
    }
}
