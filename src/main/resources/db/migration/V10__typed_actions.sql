-- #10: outbox payloads become typed records, and an overruled policy proposal is stored as fields.
-- Every statement only touches rows still in the old shape, so running this file again changes nothing.

-- What the policy proposed when the money-safety limits overruled it. Before, it was only in the first reason's text
-- ("... the policy proposed REFUND 200.00 EUR. ..."): decisions made before the upgrade are read from there once.
alter table decision add column overruled_action   varchar(20);
alter table decision add column overruled_amount   numeric(19, 4);
alter table decision add column overruled_currency char(3);

update decision
   set overruled_action = substring(reasons ->> 0 from 'the policy proposed (REFUND|RESHIP|DENY|REQUEST_EVIDENCE)'),
       overruled_amount = cast(substring(reasons ->> 0 from 'the policy proposed [A-Z_]+ ([0-9]+(?:\.[0-9]+)?) [A-Z]{3}') as numeric),
       overruled_currency = substring(reasons ->> 0 from 'the policy proposed [A-Z_]+ [0-9.]+ ([A-Z]{3})')
 where action = 'HUMAN_REVIEW' and overruled_action is null
   and reasons ->> 0 ~ 'the policy proposed (REFUND|RESHIP|DENY|REQUEST_EVIDENCE)';

-- REFUND: {orderId, amount: "89.90", currency, paymentReference, shop}
--      -> {claimId, shop, orderId, paymentReference, amount: {amount, currency}}
update outbox
   set payload = jsonb_build_object(
           'claimId', claim_id,
           'shop', payload -> 'shop',
           'orderId', payload -> 'orderId',
           'paymentReference', payload -> 'paymentReference',
           'amount', jsonb_build_object('amount', payload ->> 'amount', 'currency', payload ->> 'currency'))
 where action = 'REFUND' and jsonb_typeof(payload -> 'amount') in ('string', 'number');

-- RESHIP: {orderId, items: [{sku, quantity, unitPrice: "10.00"}], currency, shop}
--      -> {claimId, shop, orderId, currency, items: [{sku, quantity, unitPrice: {amount, currency}}]}
update outbox
   set payload = jsonb_build_object(
           'claimId', claim_id,
           'shop', payload -> 'shop',
           'orderId', payload -> 'orderId',
           'currency', payload -> 'currency',
           'items', coalesce((select jsonb_agg(jsonb_build_object(
                                  'sku', item -> 'sku',
                                  'quantity', item -> 'quantity',
                                  'unitPrice', case when item ->> 'unitPrice' is null then null
                                                    else jsonb_build_object('amount', item ->> 'unitPrice',
                                                                            'currency', payload ->> 'currency') end))
                                from jsonb_array_elements(payload -> 'items') as item), '[]'::jsonb))
 where action = 'RESHIP' and not jsonb_exists(payload, 'claimId');

-- NOTIFY_CUSTOMER: {situation, deadline?, amount?: "89.90", currency?, trackingNumber?, carrier?}
--               -> {claimId, situation, deadline, amount: {amount, currency} | null, trackingNumber, carrier}
update outbox
   set payload = jsonb_build_object(
           'claimId', claim_id,
           'situation', payload -> 'situation',
           'deadline', payload -> 'deadline',
           'amount', case when payload ->> 'amount' is null then null
                          else jsonb_build_object('amount', payload ->> 'amount', 'currency', payload ->> 'currency') end,
           'trackingNumber', payload -> 'trackingNumber',
           'carrier', payload -> 'carrier')
 where action = 'NOTIFY_CUSTOMER' and not jsonb_exists(payload, 'claimId');

-- HELPDESK_NOTE: {decisionId} -> {claimId, decisionId}
update outbox
   set payload = jsonb_build_object('claimId', claim_id, 'decisionId', payload -> 'decisionId')
 where action = 'HELPDESK_NOTE' and not jsonb_exists(payload, 'claimId');
