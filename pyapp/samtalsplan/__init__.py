"""Plan logic for the Swedish medarbetarsamtal: model, validation and renderers."""

from .codec import FORMAT, VERSION, from_dict, serialize, to_dict
from .errors import PlanError, PlanFormatError
from .files import parse, read_plan
from .markdown import render_markdown
from .model import (
    Action,
    ActionStatus,
    Agreement,
    CheckIn,
    Conditions,
    Development,
    DevelopmentKind,
    FollowUp,
    Goal,
    GoalProgress,
    GoalStatus,
    LookBack,
    Obstacle,
    Owner,
    Plan,
    Status,
    Talk,
    WorkEnvironment,
)
from .validation import Problem, validate

__version__ = "0.1.0"

__all__ = [
    "FORMAT",
    "VERSION",
    "Action",
    "ActionStatus",
    "Agreement",
    "CheckIn",
    "Conditions",
    "Development",
    "DevelopmentKind",
    "FollowUp",
    "Goal",
    "GoalProgress",
    "GoalStatus",
    "LookBack",
    "Obstacle",
    "Owner",
    "Plan",
    "PlanError",
    "PlanFormatError",
    "Problem",
    "Status",
    "Talk",
    "WorkEnvironment",
    "from_dict",
    "parse",
    "read_plan",
    "render_markdown",
    "serialize",
    "to_dict",
    "validate",
]
