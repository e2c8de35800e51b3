"""What the header shows a signed-in leader: the count of their to-do list."""

from django.utils.functional import SimpleLazyObject

from volunteers.accounts.lead import LeaderWork, leader_work


def leader_todo(request):
    # Lazy, and the user is only looked at when a template asks: stored anonymous pages
    # must not touch the session, and a page without the header runs no query.
    def work():
        user = request.user
        return leader_work(user) if user.is_authenticated else LeaderWork()

    return {"leader_work": SimpleLazyObject(work)}
