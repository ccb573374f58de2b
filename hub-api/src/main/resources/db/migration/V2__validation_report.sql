-- The validator's report of each stored file: its verdict (ok or warning; rejected files are never stored) and the
-- findings as a JSON array.

alter table model_file add column validation_verdict varchar(16);
alter table model_file add column validation_findings varchar(1000000);
