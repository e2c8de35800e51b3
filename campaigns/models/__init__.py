from .pages import CampaignGoal, CampaignIndexPage, CampaignPage, CampaignRelatedPage
from .pledges import Pledge
from .progress import GoalUpdate

__all__ = [
    "CampaignGoal",
    "CampaignIndexPage",
    "CampaignPage",
    "CampaignRelatedPage",
    "GoalUpdate",
    "Pledge",
]
