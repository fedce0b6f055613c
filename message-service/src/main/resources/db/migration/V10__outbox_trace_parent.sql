-- The trace an outbox event belongs to (its W3C traceparent), so the relay's record continues the trace of the
-- webhook or frame that caused it. Null for events written outside any trace.
ALTER TABLE outbox_events ADD COLUMN trace_parent TEXT;
