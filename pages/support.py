"""Support: one panel per programme (housing, Tết gifts, electricity, tuition …), each comparing the provinces
for the periods each reports (app/support_view.py)."""

from app import page, support_view

view = page.start()
page.heading("page_support", view)
support_view.show(view)
