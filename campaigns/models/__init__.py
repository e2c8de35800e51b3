from campaigns.models.pages import (
    CampaignGoal,
    CampaignIndexPage,
    CampaignPage,
    CampaignRelatedPage,
)
from campaigns.models.pledges import Pledge
from campaigns.models.progress import GoalUpdate

__all__ = [
    "CampaignGoal",
    "CampaignIndexPage",
    "CampaignPage",
    "CampaignRelatedPage",
    "GoalUpdate",
    "Pledge",
]
