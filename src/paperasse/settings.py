"""The one settings object of paperasse.

Built by :func:`get_settings` from the environment (prefix ``PAPERASSE_``,
nested with ``__``, e.g. ``PAPERASSE_BLOB__BACKEND=minio``) and passed down.
Nothing reads the environment anywhere else. The README lists every setting;
``python -m paperasse.settings`` prints that table and a test keeps the two in step.
"""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, SecretStr, ValidationError, field_validator
from pydantic.fields import FieldInfo
from pydantic_settings import BaseSettings, SettingsConfigDict

from paperasse.errors import ConfigurationError

ENV_PREFIX = "PAPERASSE_"


class BlobSettings(BaseModel):
    backend: Literal["filesystem", "minio"] = Field(
        "filesystem", description="where originals are kept: filesystem or minio"
    )
    path: Path | None = Field(None, description="filesystem store root (default: DATA_DIR/blobs)")
    minio_endpoint: str = Field("localhost:9000", description="MinIO host:port")
    minio_access_key: str = Field("", description="MinIO access key")
    minio_secret_key: SecretStr = Field(SecretStr(""), description="MinIO secret key")
    minio_bucket: str = Field("paperasse", description="bucket holding originals and digests")
    minio_secure: bool = Field(False, description="use HTTPS to reach MinIO")
    retention_mode: Literal["GOVERNANCE", "COMPLIANCE"] | None = Field(
        None, description="object-lock retention mode of the bucket (WORM), or none"
    )
    retention_days: int = Field(0, ge=0, description="object-lock retention period in days")


class SearchSettings(BaseModel):
    backend: Literal["tantivy", "opensearch"] = Field(
        "tantivy", description="search engine: tantivy (embedded) or opensearch"
    )
    path: Path | None = Field(None, description="tantivy index folder (default: DATA_DIR/index)")
    opensearch_url: str = Field("http://localhost:9200", description="OpenSearch base URL")
    index_name: str = Field("paperasse", description="index (or alias) name")
    batch_size: int = Field(500, ge=1, description="outbox rows indexed per batch")


class OcrSettings(BaseModel):
    lang: str = Field("fra", description="Tesseract language model")
    dpi: int = Field(300, ge=72, le=600, description="rasterisation resolution for OCR")
    max_pages: int = Field(200, ge=1, description="pages accepted in one document")
    max_pixels: int = Field(
        60_000_000, ge=1_000_000, description="pixels accepted in one page image"
    )
    condition_seconds: float = Field(
        5.0,
        ge=0,
        le=120,
        description="processor seconds a poorly read page may spend on conditioned "
        "variants (crop, scale, deskew, background, turns); 0: none",
    )


class InboxSettings(BaseModel):
    dir: Path | None = Field(
        None,
        description="hot folder, watched by serve or worker, one process at a time "
        "(unset: disabled)",
    )
    stable_seconds: float = Field(
        2.0, ge=0, description="a file is taken once its size is stable this long"
    )
    keep_processed: bool = Field(
        False, description="move taken files to processed/ instead of deleting them"
    )
    split: Literal["off", "blank", "barcode", "both"] = Field(
        "off", description="split batch scans at separator pages"
    )
    poll_seconds: float = Field(1.0, gt=0, description="how often the inbox is scanned")


class MailboxSettings(BaseModel):
    enabled: bool = Field(False, description="serve reads the town hall's mailbox over IMAP")
    host: str = Field("", description="IMAP server name")
    port: int | None = Field(
        None, ge=1, le=65535, description="IMAP port (unset: 993 with tls, 143 otherwise)"
    )
    tls: Literal["tls", "starttls", "none"] = Field(
        "tls",
        description="tls (IMAPS), starttls, or none (password sent in clear: local tests only)",
    )
    ca_file: Path | None = Field(
        None, description="certificates to trust for the IMAP server (unset: the system's)"
    )
    user: str = Field("", description="IMAP account name")
    password: SecretStr = Field(SecretStr(""), description="IMAP account password")
    folder: str = Field("INBOX", description="folder whose messages are taken")
    processed_folder: str = Field(
        "Traités", description="folder taken messages are moved to (created when missing)"
    )
    poll_seconds: float = Field(60.0, gt=0, description="how often serve reads the mailbox")
    max_message_mb: int = Field(
        80,
        ge=1,
        description="largest message read, in megabytes (a larger one is recorded by its "
        "headers and left unread)",
    )
    timeout_seconds: float = Field(60.0, gt=0, description="network timeout of the IMAP server")

    @property
    def port_or_default(self) -> int:
        return self.port or (993 if self.tls == "tls" else 143)


class JobSettings(BaseModel):
    workers: int = Field(0, ge=0, description="worker processes (0: one per core)")
    max_attempts: int = Field(3, ge=1, description="tries before a job is marked failed")
    lease_seconds: int = Field(
        60,
        ge=10,
        description="a running job is renewed every quarter of this; a silent worker's job "
        "is taken again after it",
    )
    backoff_seconds: float = Field(10.0, ge=0, description="first retry delay, doubled each try")
    nice: int = Field(
        10,
        ge=0,
        le=19,
        description="CPU priority of worker processes: their niceness (0-19, 0 leaves it as "
        "started), so that OCR yields the cores to the API and its searches",
    )


class ReaderSettings(BaseModel):
    processes: int = Field(
        2, ge=1, description="sandboxed reader processes of serve for uploads read at once"
    )
    memory_mb: int = Field(
        1536,
        ge=768,
        description="address-space limit of each reader process and of each Tesseract it runs",
    )
    step_seconds: float = Field(
        60.0, gt=0, description="wall-clock and CPU time allowed to open a file or read one page"
    )
    max_stream_mb: int = Field(
        256, ge=1, description="largest size a PDF stream may inflate to (images, fonts)"
    )
    max_page_content_mb: int = Field(
        4, ge=1, description="largest inflated drawing instructions of one PDF page"
    )
    max_objects: int = Field(500_000, ge=1000, description="most objects one PDF may hold")


class ClassifySettings(BaseModel):
    model_path: Path | None = Field(None, description="document-type model (default: shipped)")
    service_model_path: Path | None = Field(
        None, description="mail-triage service model (default: shipped)"
    )
    review_threshold: float = Field(
        0.6, ge=0, le=1, description="below this confidence a decision needs review"
    )
    deadline_months: int = Field(
        2, ge=1, description="answer deadline after receipt, in months (CRPA: two months)"
    )
    service_deadline_days: dict[str, int] = Field(
        default_factory=dict,
        description='per-service deadlines in days, JSON, e.g. {"urbanisme": 30}',
    )
    urgent_deadline_days: int = Field(8, ge=1, description="answer deadline of urgent mail")


class ChecksSettings(BaseModel):
    min_ocr_confidence: float = Field(
        50.0,
        ge=0,
        le=100,
        description="below this mean OCR confidence (0-100) a page is unreadable for the checks",
    )


class RecordsSettings(BaseModel):
    transferring_agency: str = Field(
        "MAIRIE", description="identifier of the town hall in SEDA transfers (TransferringAgency)"
    )
    archival_agency: str = Field(
        "ARCHIVES",
        description="identifier of the archives service receiving transfers (ArchivalAgency)",
    )
    lock_seconds: int = Field(
        3600,
        ge=10,
        description="how often serve extends originals' store locks to their retention end",
    )


class AuthSettings(BaseModel):
    session_hours: float = Field(
        12, gt=0, le=24 * 30, description="a page session ends this long after sign-in"
    )
    token_hours: float = Field(
        8, gt=0, le=24 * 30, description="an API token ends this long after it was issued"
    )
    trusted_proxies: str = Field(
        "",
        description="reverse proxies whose X-Forwarded-For is believed: addresses or "
        "networks, comma-separated (empty: the header is ignored)",
    )

    @field_validator("trusted_proxies")
    @classmethod
    def _networks(cls, value: str) -> str:
        for item in value.split(","):
            if item.strip():
                ipaddress.ip_network(item.strip(), strict=False)
        return value

    @property
    def proxy_networks(self) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
        return tuple(
            ipaddress.ip_network(item.strip(), strict=False)
            for item in self.trusted_proxies.split(",")
            if item.strip()
        )


class ServiceContact(BaseModel):
    """How to reach one town-hall service; empty fields fall back on the town hall's."""

    name: str = Field("", description="the service's name, e.g. « Service des élections »")
    address: str = ""
    phone: str = ""
    email: str = ""


class TownSettings(BaseModel):
    name: str = Field(
        "Mairie", description="the town hall's name, as acknowledgements of receipt print it"
    )
    address: str = Field("", description="the town hall's postal address, on one line")
    phone: str = Field("", description="the town hall's phone number")
    email: str = Field("", description="the town hall's e-mail address")
    service_contacts: dict[str, ServiceContact] = Field(
        default_factory=dict,
        description='per-service contacts, JSON, e.g. {"elections": {"name": "Service des '
        'élections", "phone": "01 23 45 67 89", "email": "elections@mairie.fr"}}',
    )


class SmtpSettings(BaseModel):
    host: str | None = Field(
        None, description="SMTP server for notifications (unset: e-mails wait in the outbox)"
    )
    port: int = Field(587, ge=1, le=65535, description="SMTP port")
    security: Literal["starttls", "tls", "none"] = Field(
        "starttls", description="starttls (port 587), tls (port 465) or none (local relay)"
    )
    user: str = Field("", description="SMTP user name (empty: no authentication)")
    password: SecretStr = Field(SecretStr(""), description="SMTP password")
    sender: str = Field(
        "mairie@localhost", description="From address of notifications (mairie@ville.fr)"
    )
    timeout_seconds: float = Field(30.0, gt=0, description="SMTP connection timeout")
    poll_seconds: float = Field(5.0, gt=0, description="how often serve sends waiting e-mails")
    max_attempts: int = Field(
        8, ge=1, description="tries before an e-mail is given up (retried with backoff)"
    )


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX, env_nested_delimiter="__", extra="ignore"
    )

    data_dir: Path = Field(Path("var"), description="where the embedded defaults keep data")
    database_url: str | None = Field(
        None, description="SQLAlchemy URL (default: SQLite in DATA_DIR/paperasse.db)"
    )
    host: str = Field("127.0.0.1", description="address serve listens on")
    port: int = Field(8000, ge=1, le=65535, description="port serve listens on")
    max_upload_mb: int = Field(50, ge=1, description="largest file accepted, in megabytes")
    max_request_mb: int = Field(
        200,
        ge=1,
        description="largest request body of the pages (several files at once), in megabytes; "
        "the API takes one file per request",
    )
    audit_digest_seconds: int = Field(
        30,
        ge=5,
        description="how often the audit chain head is sealed in the store while it moves "
        "(the events of this last stretch are the ones a database intruder could rewrite)",
    )
    secret_key: SecretStr = Field(
        SecretStr(""), description="signs session cookies (generated into DATA_DIR if empty)"
    )
    log_level: str = Field("INFO", description="logging level")
    public_url: str = Field(
        "http://127.0.0.1:8000", description="the site's address, for links in e-mails"
    )
    allow_placeholder_secrets: bool = Field(
        False,
        description="development only: let serve and worker start with a known example "
        "password or key (change-me, minioadmin...)",
    )
    blob: BlobSettings = Field(default_factory=BlobSettings, description="originals store")
    search: SearchSettings = Field(default_factory=SearchSettings, description="search engine")
    ocr: OcrSettings = Field(default_factory=OcrSettings, description="text extraction")
    inbox: InboxSettings = Field(default_factory=InboxSettings, description="hot folder")
    mailbox: MailboxSettings = Field(
        default_factory=MailboxSettings, description="the town hall's mailbox (IMAP)"
    )
    jobs: JobSettings = Field(default_factory=JobSettings, description="background processing")
    reader: ReaderSettings = Field(
        default_factory=ReaderSettings, description="sandboxed reading of untrusted files"
    )
    classify: ClassifySettings = Field(
        default_factory=ClassifySettings, description="classification and triage"
    )
    checks: ChecksSettings = Field(default_factory=ChecksSettings, description="dossier checks")
    records: RecordsSettings = Field(
        default_factory=RecordsSettings, description="retention, disposal, transfers"
    )
    auth: AuthSettings = Field(default_factory=AuthSettings, description="sign-in and sessions")
    town: TownSettings = Field(default_factory=TownSettings, description="the town hall")
    smtp: SmtpSettings = Field(default_factory=SmtpSettings, description="e-mail notifications")

    @property
    def sqlalchemy_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'paperasse.db').resolve()}"

    @property
    def blob_path(self) -> Path:
        return self.blob.path or self.data_dir / "blobs"

    @property
    def index_path(self) -> Path:
        return self.search.path or self.data_dir / "index"

    @property
    def max_upload_bytes(self) -> int:
        return self.max_upload_mb * 1024 * 1024

    @property
    def max_request_bytes(self) -> int:
        return self.max_request_mb * 1024 * 1024

    @property
    def worker_count(self) -> int:
        return self.jobs.workers or os.cpu_count() or 1


def get_settings(**overrides: object) -> Settings:
    """Read the settings from the environment, with explicit overrides on top."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as e:
        problems = "; ".join(
            f"{ENV_PREFIX}{'__'.join(str(p) for p in err['loc']).upper()} : {err['msg']}"
            for err in e.errors()
        )
        raise ConfigurationError(f"Réglage invalide : {problems}") from e


def settings_rows() -> list[tuple[str, str, str]]:
    """(variable, default, description) for every setting, nested ones flattened."""
    rows: list[tuple[str, str, str]] = []
    for name, field in Settings.model_fields.items():
        annotation = field.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            for sub, subfield in annotation.model_fields.items():
                var = f"{ENV_PREFIX}{name.upper()}__{sub.upper()}"
                rows.append((var, _default(subfield), subfield.description or ""))
            continue
        rows.append((f"{ENV_PREFIX}{name.upper()}", _default(field), field.description or ""))
    return rows


def _default(field: FieldInfo) -> str:
    value = field.default_factory() if field.default_factory else field.default  # type: ignore[call-arg]
    if isinstance(value, SecretStr):
        return "(empty)" if not value.get_secret_value() else "(set)"
    if value is None:
        return "(unset)"
    if value == "":
        return "(empty)"
    return str(value)


def settings_table() -> str:
    """The README's settings table, in Markdown."""
    lines = ["| variable | default | description |", "|---|---|---|"]
    lines += [f"| `{var}` | `{default}` | {desc} |" for var, default, desc in settings_rows()]
    return "\n".join(lines)


if __name__ == "__main__":
    print(settings_table())
