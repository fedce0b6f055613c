package net.fiko.gateway.protocol;

/**
 * The errors a client can receive: {@code error} is the stable English string clients switch on (as in the seed
 * document), {@code message} a sentence for people, Persian by default and English with {@code ?lang=en}.
 */
public enum ErrorCode {
    AUTHENTICATION_REQUIRED(
            "Authentication required",
            "احراز هویت لازم است. لطفاً دوباره وارد شوید.",
            "Authentication required. Please sign in again."),
    TOKEN_EXPIRED(
            "Token expired",
            "نشست شما منقضی شده است. لطفاً دوباره وارد شوید.",
            "Your session has expired. Please sign in again."),
    INVALID_JSON("Invalid JSON", "پیام ارسالی JSON معتبر نیست.", "The frame is not valid JSON."),
    INVALID_FORMAT("Invalid message format", "پیام ارسالی باید یک شیء JSON باشد.", "The frame must be a JSON object."),
    UNKNOWN_TYPE("Unknown message type", "نوع پیام پشتیبانی نمی‌شود.", "This message type is not supported."),
    INVALID_FIELD("Invalid field", "یکی از فیلدهای پیام نوع نادرستی دارد.", "A field of the frame has the wrong type."),
    INVALID_VALUE(
            "Invalid field value",
            "مقدار یکی از فیلدهای پیام مجاز نیست.",
            "A field of the frame is too long or holds characters that are not allowed."),
    EMPTY_CONTENT(
            "Message content cannot be empty",
            "خطا در ارسال پیام: متن پیام نمی‌تواند خالی باشد.",
            "Error sending message: the message cannot be empty."),
    CONTENT_TOO_LONG(
            "Message content too long",
            "خطا در ارسال پیام: متن پیام بیش از حد طولانی است.",
            "Error sending message: the message is too long."),
    SEND_FAILED(
            "Message could not be sent",
            "پیام ارسال نشد. لطفاً دوباره تلاش کنید.",
            "The message could not be sent. Please try again."),
    RATE_LIMITED(
            "Rate limit exceeded",
            "تعداد پیام‌ها بیش از حد مجاز است. لطفاً کمی صبر کنید.",
            "Too many messages. Please slow down."),
    TOO_MANY_CONNECTIONS(
            "Too many connections",
            "تعداد اتصال‌ها بیش از حد مجاز است. کمی بعد دوباره تلاش کنید.",
            "Too many connections. Please try again shortly."),
    CONVERSATION_NOT_FOUND("Conversation not found", "گفتگو پیدا نشد.", "This conversation does not exist."),
    UNAVAILABLE(
            "Service unavailable",
            "سرویس موقتاً در دسترس نیست. لطفاً دوباره تلاش کنید.",
            "The service is briefly unavailable. Please try again.");

    private final String error;
    private final String persian;
    private final String english;

    ErrorCode(String error, String persian, String english) {
        this.error = error;
        this.persian = persian;
        this.english = english;
    }

    /** The stable string of the {@code error} field. */
    public String error() {
        return error;
    }

    /** The sentence of the {@code message} field in the client's language ({@code en}, else Persian). */
    public String message(String language) {
        return "en".equalsIgnoreCase(language) ? english : persian;
    }
}
