-- Settings every node writing this database must share. The catch-all threshold is one: the listing, the feed and
-- domain_status record crossings of the threshold they were written with, so a host with another threshold would
-- answer GET differently from the listing and never emit the crossings in between.
CREATE TABLE store_settings (
    name  text PRIMARY KEY,
    value text NOT NULL
);
