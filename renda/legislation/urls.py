"""Staff pages of the legislation module, mounted at /legislation/."""

from django.urls import path

from renda.legislation import portal, views

app_name = "legislation"

urlpatterns = [
    path("", views.consultation_list, name="list"),
    path("new/", views.consultation_create, name="create"),
    path("statistics/", views.statistics, name="statistics"),
    path("portal/", portal.portal, name="portal"),
    path("portal/<int:pk>/", portal.portal_detail, name="portal_detail"),
    path("certificates/<int:opinion_pk>.pdf", views.certificate, name="certificate"),
    path("<int:pk>/", views.consultation_detail, name="detail"),
    path("<int:pk>/state/<slug:action>/", views.consultation_transition, name="transition"),
    path("<int:pk>/articles/<int:article_pk>/", views.article_edit, name="article_edit"),
    path("<int:pk>/questions/", views.question_add, name="question_add"),
    path("<int:pk>/invite/", views.invite, name="invite"),
    path("<int:pk>/ask-expert/", views.expert_ask, name="expert_ask"),
    path("<int:pk>/opinions/", views.opinions, name="opinions"),
    path("<int:pk>/opinions/act/", views.opinions_act, name="opinions_act"),
    path("<int:pk>/opinions.xlsx", views.opinions_xlsx, name="opinions_xlsx"),
    path("<int:pk>/groups/", views.groups, name="groups"),
    path("<int:pk>/groups/run/", views.group_run, name="group_run"),
    path("<int:pk>/groups/<int:group_pk>/review/", views.group_review, name="group_review"),
    path("<int:pk>/report.docx", views.report_docx, name="report"),
    path("<int:pk>/final/", views.final, name="final"),
]
