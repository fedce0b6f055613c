-- The connector kit's send ledger writes a reply's row before each call to the platform ('calling') and after its
-- answer ('partial' between the parts of a long reply, 'sent' after the last): a crash mid-call leaves the reply in
-- doubt rather than silently sent twice. Rows written before this column existed were all sent.
ALTER TABLE sent_messages ADD COLUMN state TEXT NOT NULL DEFAULT 'sent'
    CHECK (state IN ('calling', 'partial', 'sent'));
