from __future__ import annotations

from django.urls import path

from planning.views import helpers, participation, shared_plan, steps, successes

app_name = "planning"

base = "projects/<int:project_id>/"
plan = base + "plan/"
action = plan + "actions/<int:action_id>/"
precondition = plan + "preconditions/<int:precondition_id>/"
contribution = plan + "contributions/<int:contribution_id>/"
activity = base + "participation/<int:activity_id>/"
success = base + "successes/<int:success_id>/"
message = base + "successes/messages/<int:message_id>/"
helper = "helpers/<int:helper_id>/"

urlpatterns = [
    # The shared plan
    path(plan, shared_plan.plan_page, name="plan"),
    path(plan + "actions/new/", shared_plan.plan_action_create, name="plan_action_create"),
    path(action, shared_plan.plan_action, name="plan_action"),
    path(action + "delete/", shared_plan.plan_action_delete, name="plan_action_delete"),
    path(
        action + "preconditions/new/",
        shared_plan.precondition_create,
        name="plan_precondition_create",
    ),
    path(precondition, shared_plan.precondition_edit, name="plan_precondition"),
    path(
        precondition + "delete/", shared_plan.precondition_delete, name="plan_precondition_delete"
    ),
    path(
        plan + "contributions/new/",
        shared_plan.contribution_create,
        name="plan_contribution_create",
    ),
    path(contribution, shared_plan.contribution, name="plan_contribution"),
    path(
        contribution + "delete/", shared_plan.contribution_delete, name="plan_contribution_delete"
    ),
    # Participation of the target group
    path(base + "participation/", participation.participation_page, name="participation"),
    path(
        base + "participation/new/", participation.participation_create, name="participation_create"
    ),
    path(activity, participation.participation_edit, name="participation_edit"),
    path(activity + "delete/", participation.participation_delete, name="participation_delete"),
    # Successes and the messages about them
    path(base + "successes/", successes.success_list, name="successes"),
    path(base + "successes/new/", successes.success_create, name="success_create"),
    path(success, successes.success_edit, name="success_edit"),
    path(success + "delete/", successes.success_delete, name="success_delete"),
    path(base + "successes/message/", successes.message_compose, name="message_compose"),
    path(base + "successes/message/download/", successes.message_download, name="message_download"),
    path(message, successes.message_edit, name="message_edit"),
    path(message + "download/", successes.message_file, name="message_file"),
    path(message + "delete/", successes.message_delete, name="message_delete"),
    # The step plan
    path(base + "steps/", steps.steps_page, name="steps"),
    path(base + "steps/print/", steps.steps_print, name="steps_print"),
    path(base + "steps/<slug:item_key>/tick/", steps.step_tick, name="step_tick"),
    path(base + "steps/<slug:item_key>/untick/", steps.step_untick, name="step_untick"),
    # Who can help: a directory per organisation, outside any project
    path("helpers/", helpers.helper_directory, name="helpers"),
    path("helpers/new/", helpers.helper_create, name="helper_create"),
    path(helper, helpers.helper_edit, name="helper_edit"),
    path(helper + "delete/", helpers.helper_delete, name="helper_delete"),
    path(helper + "hide/", helpers.helper_hide, name="helper_hide"),
    path(helper + "show/", helpers.helper_show, name="helper_show"),
]
