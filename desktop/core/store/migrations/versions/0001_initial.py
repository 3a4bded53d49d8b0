"""Initial schema: settings, lesson progress, cards and reviews, quiz answers, calculator scenarios.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "app_setting",
        sa.Column("key", sa.String(100), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )
    op.create_table(
        "lesson_progress",
        sa.Column("lesson_id", sa.String(100), primary_key=True),
        sa.Column("read_at", sa.DateTime(), nullable=False),
    )
    op.create_table(
        "card",
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("deck", sa.String(100), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.Column("user_content", sa.Text(), nullable=True),
        sa.Column("state", sa.Integer(), nullable=False),
        sa.Column("step", sa.Integer(), nullable=True),
        sa.Column("stability", sa.Float(), nullable=True),
        sa.Column("difficulty", sa.Float(), nullable=True),
        sa.Column("due", sa.DateTime(), nullable=True),
        sa.Column("last_review", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_card_deck", "card", ["deck"])
    op.create_index("ix_card_due", "card", ["due"])
    op.create_table(
        "review_log",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("card_id", sa.String(200), sa.ForeignKey("card.id", ondelete="CASCADE"), nullable=False),
        sa.Column("reviewed_at", sa.DateTime(), nullable=False),
        sa.Column("rating", sa.Integer(), nullable=False),
        sa.Column("state_before", sa.Integer(), nullable=False),
        sa.Column("state_after", sa.Integer(), nullable=False),
        sa.Column("interval_days", sa.Float(), nullable=False),
        sa.Column("stability", sa.Float(), nullable=True),
        sa.Column("difficulty", sa.Float(), nullable=True),
        sa.Column("duration_ms", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("previous_card", sa.Text(), nullable=True),
    )
    op.create_index("ix_review_log_card_id", "review_log", ["card_id"])
    op.create_index("ix_review_log_reviewed_at", "review_log", ["reviewed_at"])
    op.create_table(
        "quiz_answer",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("card_id", sa.String(200), sa.ForeignKey("card.id", ondelete="CASCADE"), nullable=False),
        sa.Column("session_id", sa.String(64), nullable=False),
        sa.Column("answered_at", sa.DateTime(), nullable=False),
        sa.Column("chosen", sa.Text(), nullable=False),
        sa.Column("correct", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_quiz_answer_card_id", "quiz_answer", ["card_id"])
    op.create_index("ix_quiz_answer_session_id", "quiz_answer", ["session_id"])
    op.create_table(
        "scenario",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("inputs", sa.Text(), nullable=False),
        sa.Column("results", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
    )
    op.create_index("ix_scenario_kind", "scenario", ["kind"])


def downgrade() -> None:
    for table in ("scenario", "quiz_answer", "review_log", "card", "lesson_progress", "app_setting"):
        op.drop_table(table)
