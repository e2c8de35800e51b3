# Event list, event pages, sign-up and the leaders' event forms.
urlpatterns = []
