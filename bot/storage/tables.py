"""Database tables (SQLAlchemy Core, 2.0 style). Migrations live in ``migrations/``."""

from __future__ import annotations

from sqlalchemy import (
                        JSON,
                        Boolean,
                        Column,
                        Date,
                        DateTime,
                        ForeignKey,
                        Index,
                        Integer,
                        LargeBinary,
                        MetaData,
                        String,
                        Table,
                        Text,
)

metadata = MetaData()

services = Table(
    "services", metadata,
    Column("id", String(40), primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("grp", String(20), nullable=False),
    Column("online", Boolean, nullable=False),
    Column("channel", String(20), nullable=False),
    Column("url", Text, nullable=True),
    Column("checked_on", Date, nullable=False),
    Column("payload", JSON, nullable=False),
)

service_texts = Table(
    "service_texts", metadata,
    Column("service_id", String(40), ForeignKey("services.id", ondelete="CASCADE"), primary_key=True),
    Column("lang", String(8), primary_key=True),
    Column("title", Text, nullable=False),
    Column("summary", Text, nullable=False),
)

service_statuses = Table(
    "service_statuses", metadata,
    Column("service_id", String(40), ForeignKey("services.id", ondelete="CASCADE"), primary_key=True),
    Column("code", String(8), primary_key=True),
)

service_intents = Table(
    "service_intents", metadata,
    Column("service_id", String(40), ForeignKey("services.id", ondelete="CASCADE"), primary_key=True),
    Column("intent", String(40), primary_key=True),
)
Index("ix_service_intents_intent", service_intents.c.intent)

reference_records = Table(
    "reference_records", metadata,
    # documents, visa statuses, contacts, offices and rules: small, read whole.
    Column("kind", String(20), primary_key=True),
    Column("id", String(60), primary_key=True),
    Column("payload", JSON, nullable=False),
)

catalogue_meta = Table(
    "catalogue_meta", metadata,
    Column("key", String(40), primary_key=True),
    Column("value", Text, nullable=False),
)

document_requests = Table(
    "document_requests", metadata,
    Column("reference", String(20), primary_key=True),
    Column("document_id", String(40), nullable=False),
    Column("status", String(20), nullable=False),
    Column("applicant_name", Text, nullable=False),
    # The alien registration number is stored only encrypted, plus a keyed
    # hash for equality lookups (PIPA Art. 24; safety standard Art. 7).
    Column("arn_ciphertext", LargeBinary, nullable=False),
    Column("arn_hmac", String(64), nullable=False),
    Column("arn_last4_hmac", String(64), nullable=False),
    Column("contact", Text, nullable=False),
    Column("delivery", String(20), nullable=False),
    Column("language", String(8), nullable=False),
    Column("consent_at", DateTime(timezone=True), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("conversation_id", String(128), nullable=False),
    Column("failed_lookups", Integer, nullable=False, default=0),
)
Index("ix_document_requests_arn_hmac", document_requests.c.arn_hmac)

arn_vault = Table(
    "arn_vault", metadata,
    # Between the channel (which takes the number out of the message) and
    # the form (which stores it with the request): ciphertext only.
    Column("token", String(40), primary_key=True),
    Column("conversation_id", String(128), nullable=False),
    Column("ciphertext", LargeBinary, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

handoffs = Table(
    "handoffs", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("conversation_id", String(128), nullable=False),
    Column("status", String(20), nullable=False),  # waiting | claimed | released
    Column("language", String(8), nullable=False),
    Column("intent", String(40), nullable=True),
    Column("slots", JSON, nullable=False),
    Column("transcript", JSON, nullable=False),  # masked
    Column("agent", String(80), nullable=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
Index("ix_handoffs_conversation", handoffs.c.conversation_id, handoffs.c.status)

handoff_messages = Table(
    "handoff_messages", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("handoff_id", Integer, ForeignKey("handoffs.id", ondelete="CASCADE"), nullable=False),
    Column("sender", String(10), nullable=False),  # user | agent
    Column("text", Text, nullable=False),
    Column("delivered", Boolean, nullable=False, default=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)
