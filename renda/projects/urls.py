"""Staff pages of the projects module, mounted at /projects/."""

from django.urls import path

from renda.projects import project_views, views, vote_views

app_name = "projects"

urlpatterns = [
    path("", views.index, name="index"),
    path("rounds/new/", views.round_create, name="round_create"),
    path("rounds/<int:pk>/", views.round_detail, name="round"),
    path("rounds/<int:pk>/candidates/new/", views.candidate_edit, name="candidate_create"),
    path(
        "rounds/<int:pk>/candidates/<int:project_pk>/", views.candidate_edit, name="candidate_edit"
    ),
    path("rounds/<int:pk>/do/<slug:action>/", views.round_action, name="round_action"),
    path("rounds/<int:pk>/export.xlsx", project_views.progress_export, name="progress_export"),
    path("rounds/<int:pk>/import/", project_views.progress_import_view, name="progress_import"),
    path("proposals/<int:pk>/decline/", views.proposal_decline, name="proposal_decline"),
    path("votes/<int:pk>/", vote_views.vote_detail, name="vote"),
    path("votes/<int:pk>/ballot/", vote_views.ballot, name="ballot"),
    path("votes/<int:pk>/paper-voter/", vote_views.paper_voter, name="paper_voter"),
    path("votes/<int:pk>/paper-ballot/", vote_views.paper_ballot, name="paper_ballot"),
    path("votes/<int:pk>/count/", vote_views.vote_count, name="vote_count"),
    path("votes/<int:pk>/sheet.pdf", vote_views.result_sheet, name="result_sheet"),
    path("p/<int:pk>/", project_views.project_detail, name="project"),
    path("p/<int:pk>/do/<slug:action>/", project_views.project_action, name="project_action"),
    path("p/<int:pk>/withdraw/", project_views.project_withdraw, name="project_withdraw"),
]
