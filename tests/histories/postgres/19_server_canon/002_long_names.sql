-- Names over 63 bytes: the server truncates them, and the names it makes up from them.
CREATE TABLE organisation_membership_invitations_pending_review_by_administrators (
    id integer PRIMARY KEY,
    invited_by_organisation_administrator_account_identifier_value integer UNIQUE,
    "ünïcödé_column_name_that_is_long_enough_to_be_cut_in_the_middle_é" integer
);
CREATE TABLE organisation_membership_invitation_audit_entries_for_compliance (
    id integer PRIMARY KEY,
    invitation_id integer REFERENCES organisation_membership_invitations_pending_review_by_administrators (id),
    CHECK (invitation_id > 0)
);
CREATE INDEX ON organisation_membership_invitation_audit_entries_for_compliance (invitation_id);
CREATE INDEX an_explicit_index_name_that_is_much_longer_than_sixty_three_bytes_in_total
    ON organisation_membership_invitation_audit_entries_for_compliance (id, invitation_id);
-- Later statements name them by their full spelling; the server truncates those too.
ALTER INDEX an_explicit_index_name_that_is_much_longer_than_sixty_three_bytes_in_total
    RENAME TO audit_id_invitation;
ALTER TABLE organisation_membership_invitation_audit_entries_for_compliance
    DROP CONSTRAINT organisation_membership_invitation_audit_ent_invitation_id_fkey;
-- A long column name inside expressions: the server stores it cut, in the check and index.
ALTER TABLE organisation_membership_invitation_audit_entries_for_compliance
    ADD COLUMN reviewed_by_the_compliance_officer_on_duty_at_the_time_of_the_audit integer
    CHECK (reviewed_by_the_compliance_officer_on_duty_at_the_time_of_the_audit_xyz >= 0);
CREATE INDEX audit_reviewer_expr ON organisation_membership_invitation_audit_entries_for_compliance
    ((reviewed_by_the_compliance_officer_on_duty_at_the_time_of_the_audit + 1));
