-- A customer is found by the account they wrote to and their IGSID: conversations opened before conversation ids
-- named their account keep their id, and a new message from the same customer on the same account joins it.
CREATE UNIQUE INDEX customers_channel_igsid_uk ON customers (channel_id, igsid);
