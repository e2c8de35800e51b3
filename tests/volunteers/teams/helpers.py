"""Helpers shared by the team tests."""


def team_url(team, action=""):
    return f"/en/teams/{team.pk}/{action}"


def member_url(team, membership, action):
    return f"/en/teams/{team.pk}/members/{membership.pk}/{action}/"


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def private_bits(user) -> list[str]:
    return [user.volunteer.real_name, user.volunteer.phone, user.email]
