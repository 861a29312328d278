"""Web pages of the case app: public intake and tracking, staff queue, list, case page and actions.

Views parse input, call one service or selector, and render; they never query models directly.
"""
