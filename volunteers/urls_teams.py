# Team directory, team pages, membership, the volunteer's own pages (/me/).
urlpatterns = []
