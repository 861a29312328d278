"""Case services: the only code that writes cases. See docs/workflow.md ("Python API for the UI")."""

from netra.cases.elections import error_message as election_error_message
from netra.cases.services.common import CaseConflict, TransitionNotAllowed
from netra.cases.services.elections import (
    EDITOR_ROLES,
    ImportOutcome,
    election_candidate_delete,
    election_candidate_save,
    election_config_import,
    election_dates_update,
    election_party_delete,
    election_party_save,
    election_setting_delete,
    election_setting_update,
    may_edit,
)
from netra.cases.services.followup import (
    followup_escalate_due,
    followup_state_set,
    followup_target_set,
)
from netra.cases.services.intake import (
    IntakeCheck,
    ParsedReport,
    intake_check,
    intake_parse,
    laporan_submit_public,
    report_window,
    temuan_create,
)
from netra.cases.services.letterissue import (
    letter_download_audit,
    letter_issue,
    letter_template_save,
)
from netra.cases.services.letters import letter_download_record
from netra.cases.services.reads import evidence_download_record, identities_shown_record, identity_view_record
from netra.cases.services.records import (
    case_assign,
    clarification_record,
    clarification_schedule,
    comment_add,
    evidence_add,
    kajian_add,
    terlapor_add,
    terlapor_confirm_pegawai,
    terlapor_update,
    witness_add,
)
from netra.cases.services.transitions import case_transition

__all__ = [
    "EDITOR_ROLES",
    "CaseConflict",
    "ImportOutcome",
    "IntakeCheck",
    "ParsedReport",
    "TransitionNotAllowed",
    "case_assign",
    "case_transition",
    "clarification_record",
    "clarification_schedule",
    "comment_add",
    "election_candidate_delete",
    "election_candidate_save",
    "election_config_import",
    "election_dates_update",
    "election_error_message",
    "election_party_delete",
    "election_party_save",
    "election_setting_delete",
    "election_setting_update",
    "evidence_add",
    "evidence_download_record",
    "followup_escalate_due",
    "followup_state_set",
    "followup_target_set",
    "identities_shown_record",
    "identity_view_record",
    "intake_check",
    "intake_parse",
    "kajian_add",
    "laporan_submit_public",
    "letter_download_audit",
    "letter_download_record",
    "letter_issue",
    "letter_template_save",
    "may_edit",
    "report_window",
    "temuan_create",
    "terlapor_add",
    "terlapor_confirm_pegawai",
    "terlapor_update",
    "witness_add",
]
