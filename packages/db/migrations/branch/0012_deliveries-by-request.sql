CREATE INDEX `deliveries_request_idx` ON `deliveries` (json_extract("payload", '$.requestId'));
