"""Catalogue tables and document requests.

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
        "services",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("grp", sa.String(20), nullable=False),
        sa.Column("online", sa.Boolean, nullable=False),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("url", sa.Text, nullable=True),
        sa.Column("checked_on", sa.Date, nullable=False),
        sa.Column("payload", sa.JSON, nullable=False),
    )
    op.create_table(
        "service_texts",
        sa.Column("service_id", sa.String(40), sa.ForeignKey("services.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("lang", sa.String(8), primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
    )
    op.create_table(
        "service_statuses",
        sa.Column("service_id", sa.String(40), sa.ForeignKey("services.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("code", sa.String(8), primary_key=True),
    )
    op.create_table(
        "service_intents",
        sa.Column("service_id", sa.String(40), sa.ForeignKey("services.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("intent", sa.String(40), primary_key=True),
    )
    op.create_index("ix_service_intents_intent", "service_intents", ["intent"])
    op.create_table(
        "reference_records",
        sa.Column("kind", sa.String(20), primary_key=True),
        sa.Column("id", sa.String(60), primary_key=True),
        sa.Column("payload", sa.JSON, nullable=False),
    )
    op.create_table(
        "catalogue_meta",
        sa.Column("key", sa.String(40), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    op.create_table(
        "document_requests",
        sa.Column("reference", sa.String(20), primary_key=True),
        sa.Column("document_id", sa.String(40), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("applicant_name", sa.Text, nullable=False),
        sa.Column("arn_ciphertext", sa.LargeBinary, nullable=False),
        sa.Column("arn_hmac", sa.String(64), nullable=False),
        sa.Column("arn_last4_hmac", sa.String(64), nullable=False),
        sa.Column("contact", sa.Text, nullable=False),
        sa.Column("delivery", sa.String(20), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("consent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("conversation_id", sa.String(128), nullable=False),
        sa.Column("failed_lookups", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_index("ix_document_requests_arn_hmac", "document_requests", ["arn_hmac"])


def downgrade() -> None:
    for table in ("document_requests", "catalogue_meta", "reference_records", "service_intents",
                  "service_statuses", "service_texts", "services"):
        op.drop_table(table)
