-- Shopify delivers one event again under a new X-Shopify-Webhook-Id (a second subscription to the topic, or a
-- redelivery); X-Shopify-Event-Id stays the same. A delivery is stored once per provider and delivery id, and now also
-- once per provider and event id where the provider sends one. duplicates counts the copies refused since, so the
-- delivery list shows that the provider sent it more than once.
alter table webhook_delivery add column event_id varchar(200);
alter table webhook_delivery add column duplicates int not null default 0;
create unique index webhook_delivery_event_once on webhook_delivery (provider, event_id) where event_id is not null;
