"""Demo content for the volunteer domain: the gazetteer, about thirty approved
teams in the reservoir counties, sixty events over past and coming weeks, and
demo volunteers and leaders.

Rows are created directly (not through the services) so loading the demo sends
no e-mail; a fixed random seed keeps it the same on every machine.
"""

import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from portal.demo_helpers import ensure_user
from volunteers.choices import (
    EventKind,
    MembershipStatus,
    Role,
    SignupStatus,
    TeamStatus,
    Visibility,
)
from volunteers.events.models import Event, Signup
from volunteers.people.models import PRIVACY_NOTICE_VERSION, VolunteerProfile
from volunteers.places.gazetteer import gazetteer_load
from volunteers.places.models import Township
from volunteers.roles import volunteer_staff_group_ensure
from volunteers.teams.counts import team_member_count_refresh
from volunteers.teams.models import Membership, Team

RESERVOIR_COUNTIES = ["420381000000", "420304000000", "420322000000"]  # 丹江口市, 郧阳区, 郧西县
OTHER_COUNTIES = ["420303000000", "420323000000", "420325000000"]  # 张湾区, 竹山县, 房县
TEAM_SUFFIXES = ["护水志愿服务队", "“小水滴”志愿服务队", "巡河护水队", "清漂志愿队"]
EVENT_TITLES = {
    EventKind.PATROL: "{place}沿岸巡河",
    EventKind.CLEANUP: "{place}库湾清漂",
    EventKind.OUTREACH: "{place}节水护水宣传进社区",
    EventKind.SAMPLING: "{place}入库支流水质监测",
    EventKind.HOUSEHOLD: "{place}走村入户宣讲护水知识",
    EventKind.PLANTING: "{place}水源涵养林植树",
}
WHAT_TO_BRING = {
    EventKind.PATROL: "防滑鞋、雨具、饮用水",
    EventKind.CLEANUP: "手套、长袖衣物；打捞工具由队里提供",
    EventKind.OUTREACH: "志愿者马甲",
    EventKind.SAMPLING: "采样瓶由队里提供，请穿防滑鞋",
    EventKind.HOUSEHOLD: "志愿者马甲、宣传册",
    EventKind.PLANTING: "手套、铁锹（可自带）",
}

LEADER = ("leader", "leader@qingshui.example", "qingshui-leader-2026", "库区护水队长")
VOLUNTEER = ("volunteer", "volunteer@qingshui.example", "qingshui-volunteer-2026", "小水滴志愿者")
# Numbers to try signing in with (README): a code is printed by `make run`'s console.
LEADER_PHONE = "+8613900139000"
VOLUNTEER_PHONE = "+8613800138000"


def _profile(user, display_name, township, rng, phone=None):
    VolunteerProfile.objects.get_or_create(
        user=user,
        defaults={
            "display_name": display_name,
            "real_name": display_name[:1] + "某",
            "phone": phone or f"+86139{rng.randint(10_000_000, 99_999_999)}",
            "phone_verified": True,
            "home_township": township,
            "skills": rng.sample(
                ["swimming", "first_aid", "photography", "water_testing", "boat_handling"], 2
            ),
            "privacy_notice_version": PRIVACY_NOTICE_VERSION,
            "privacy_accepted_at": timezone.now(),
        },
    )


def _crowd(rng, townships, count=40):
    """Demo volunteers who fill the events; they cannot sign in."""
    User = get_user_model()
    people = []
    for n in range(1, count + 1):
        user, created = User.objects.get_or_create(
            username=f"demo-volunteer-{n:02d}",
            defaults={"email": f"demo-volunteer-{n:02d}@qingshui.example"},
        )
        if created:
            user.set_unusable_password()
            user.save()
        _profile(user, f"小水滴{n:02d}", rng.choice(townships), rng)
        people.append(user)
    return people


def load(*, out):
    gazetteer_load()
    volunteer_staff_group_ensure()
    leader = ensure_user(out=out, role=LEADER[0], email=LEADER[1], password=LEADER[2])
    volunteer = ensure_user(out=out, role=VOLUNTEER[0], email=VOLUNTEER[1], password=VOLUNTEER[2])
    if Membership.objects.filter(user=leader, role=Role.LEADER).exists():
        return  # already loaded
    rng = random.Random(2026)
    townships = list(
        Township.objects.filter(county__code__in=RESERVOIR_COUNTIES)
        .select_related("county")
        .order_by("code")
    )
    others = list(
        Township.objects.filter(county__code__in=OTHER_COUNTIES)
        .select_related("county")
        .order_by("code")
    )
    rng.shuffle(townships)
    homes = townships[:24] + rng.sample(others, 6)

    _profile(leader, LEADER[3], homes[0], rng, phone=LEADER_PHONE)
    _profile(volunteer, VOLUNTEER[3], homes[0], rng, phone=VOLUNTEER_PHONE)
    crowd = _crowd(rng, homes)
    now = timezone.now()

    teams = []
    for n, township in enumerate(homes):
        team = Team.objects.create(
            name=f"{township.county.name_zh}{township.name_zh}{TEAM_SUFFIXES[n % len(TEAM_SUFFIXES)]}",
            county=township.county,
            township=township,
            description=(
                f"我们是活跃在{township.county.name_zh}{township.name_zh}的节水护水志愿者，"
                "定期巡河、清理库湾漂浮物，走进村组宣传节水护水，欢迎加入。"
            ),
            contact="每周六上午在镇文化站集合；队内微信群由队长拉入。",
            status=TeamStatus.APPROVED,
            approved_at=now,
            created_by=leader if n == 0 else None,
        )
        head = leader if n == 0 else crowd[n % len(crowd)]
        Membership.objects.create(
            team=team, user=head, role=Role.LEADER, status=MembershipStatus.ACTIVE, decided_at=now
        )
        members = rng.sample([p for p in crowd if p != head], rng.randint(4, 12))
        Membership.objects.bulk_create(
            Membership(team=team, user=m, status=MembershipStatus.ACTIVE, decided_at=now)
            for m in members
        )
        team_member_count_refresh(team.pk)  # bulk_create sends no signal to recount
        teams.append(team)
    Membership.objects.create(
        team=teams[0], user=volunteer, status=MembershipStatus.ACTIVE, decided_at=now
    )
    Membership.objects.create(team=teams[1], user=volunteer, status=MembershipStatus.PENDING)

    kinds = list(EVENT_TITLES)
    for n in range(60):
        team = teams[n % len(teams)] if n >= 6 else teams[0]
        kind = kinds[n % len(kinds)]
        day_offset = rng.randint(-42, -1) if n % 3 == 0 else rng.randint(1, 42)
        starts = timezone.localtime(now + timedelta(days=day_offset)).replace(
            hour=rng.choice([8, 9, 14]), minute=0, second=0, microsecond=0
        )
        township = team.township
        event = Event.objects.create(
            team=team,
            title=EVENT_TITLES[kind].format(place=township.name_zh),
            kind=kind,
            description="活动前十分钟集合，由队长讲解安全注意事项后分组开展。",
            township=township,
            meeting_point=f"{township.name_zh}政府门口",
            what_to_bring=WHAT_TO_BRING[kind],
            starts_at=starts,
            ends_at=starts + timedelta(hours=rng.choice([2, 3, 4])),
            signup_deadline=starts - timedelta(days=1),
            capacity=rng.choice([10, 15, 20, 30]) if n != 1 else 3,
            visibility=Visibility.MEMBERS if n % 11 == 5 else Visibility.PUBLIC,
            created_by=leader if team == teams[0] else None,
        )
        taken = rng.randint(0, event.capacity)
        people = rng.sample(crowd, min(len(crowd), taken + (3 if n == 1 else 0)))
        for i, person in enumerate(people):
            status = SignupStatus.CONFIRMED if i < event.capacity else SignupStatus.WAITLISTED
            Signup.objects.create(event=event, user=person, status=status)
        if team == teams[0] and n in (0, 2, 3, 4):
            Signup.objects.get_or_create(
                event=event, user=volunteer, defaults={"status": SignupStatus.CONFIRMED}
            )
    out.info("Created 30 teams and 60 events.")
