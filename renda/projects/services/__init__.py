"""The only code that changes the projects module's state; every function is atomic and audited.

Split by phase: rounds (collection and candidates), voting (the secret ballot), implementation
(progress, the three check-ins, evaluation, verification). Import from here.
"""

from renda.projects.services.common import actors_for, serving_deputy
from renda.projects.services.implementation import (
    check_in_record,
    check_in_respond,
    evaluation_record,
    level_for,
    milestone_add,
    milestone_done,
    progress_report,
    project_verify,
)
from renda.projects.services.rounds import (
    candidate_save,
    comment_add,
    open_round,
    project_withdraw,
    proposal_decline,
    proposal_merge,
    proposal_submit,
    round_advance,
    round_create,
    round_publish,
)
from renda.projects.services.voting import (
    ballot_cast,
    entitled_deputies,
    paper_ballot_enter,
    paper_voter_record,
    vote_count,
    vote_open,
)

__all__ = [
    "actors_for",
    "ballot_cast",
    "candidate_save",
    "check_in_record",
    "check_in_respond",
    "comment_add",
    "entitled_deputies",
    "evaluation_record",
    "level_for",
    "milestone_add",
    "milestone_done",
    "open_round",
    "paper_ballot_enter",
    "paper_voter_record",
    "progress_report",
    "project_verify",
    "project_withdraw",
    "proposal_decline",
    "proposal_merge",
    "proposal_submit",
    "round_advance",
    "round_create",
    "round_publish",
    "serving_deputy",
    "vote_count",
    "vote_open",
]
