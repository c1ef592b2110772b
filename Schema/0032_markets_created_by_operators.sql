-- Operators split a deployment into markets with `talentmatch markets create` and
-- `markets move-office`, which run as the application role like every other operator command
-- (policy create, token issue). 0030 let that role read markets and move an office, but not
-- create a market, so `markets create` failed with "permission denied for table markets".
GRANT INSERT ON markets TO talentmatch_app;
