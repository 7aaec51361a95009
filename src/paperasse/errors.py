"""The one exception tree of paperasse.

Every error carries a stable ``code`` (English, for machines), an HTTP ``status``
and a message in French that a town-hall agent or a citizen can act on. The API
maps them to JSON responses in one handler, the CLI to one line and an exit code.
Backends translate vendor exceptions at their boundary with ``raise ... from e``.

    PaperasseError
    ├── InputError                   400  bad input: nothing was changed
    │   ├── EmptyFileError           400
    │   ├── FileTooLargeError        413
    │   ├── UnsupportedTypeError     415
    │   ├── UnsafeFilenameError      400
    │   ├── UnreadableDocumentError  422  corrupt, encrypted, too many pages or pixels
    │   └── InvalidChoiceError       422  a value outside its list (service, type...)
    ├── AuthenticationError          401
    ├── PermissionDeniedError        403
    ├── NotFoundError                404  also answers ids that are not the caller's
    ├── ConflictError                409
    ├── RateLimitedError             429
    ├── StorageError                 503  the blob store cannot be reached
    │   └── IntegrityError           500  stored bytes no longer match their hash
    ├── AuditChainError              500  the audit trail was altered
    ├── SearchError                  503
    ├── MailboxError                 503  the town hall's mailbox cannot be read
    ├── ModelError                   500  a classifier model cannot be used
    └── ConfigurationError           500
"""

from __future__ import annotations


class PaperasseError(Exception):
    """Root of all paperasse errors."""

    code = "error"
    status = 500
    exit_code = 1

    def __init__(self, message: str, *, details: dict[str, object] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or {}

    def to_dict(self) -> dict[str, object]:
        body: dict[str, object] = {"code": self.code, "message": self.message}
        if self.details:
            body["details"] = self.details
        return body


class InputError(PaperasseError):
    code = "invalid_input"
    status = 400
    exit_code = 2


class EmptyFileError(InputError):
    code = "empty_file"


class FileTooLargeError(InputError):
    code = "file_too_large"
    status = 413


class UnsupportedTypeError(InputError):
    code = "unsupported_type"
    status = 415


class UnsafeFilenameError(InputError):
    code = "unsafe_filename"


class UnreadableDocumentError(InputError):
    code = "unreadable_document"
    status = 422


class InvalidChoiceError(InputError):
    code = "invalid_choice"
    status = 422


class AuthenticationError(PaperasseError):
    code = "authentication_required"
    status = 401
    exit_code = 3


class PermissionDeniedError(PaperasseError):
    code = "permission_denied"
    status = 403
    exit_code = 3


class NotFoundError(PaperasseError):
    code = "not_found"
    status = 404
    exit_code = 4


class ConflictError(PaperasseError):
    code = "conflict"
    status = 409
    exit_code = 5


class RateLimitedError(PaperasseError):
    code = "rate_limited"
    status = 429
    exit_code = 5


class StorageError(PaperasseError):
    code = "storage_unavailable"
    status = 503
    exit_code = 6


class IntegrityError(StorageError):
    code = "integrity_error"
    status = 500


class AuditChainError(PaperasseError):
    code = "audit_chain_broken"
    status = 500
    exit_code = 7


class SearchError(PaperasseError):
    code = "search_unavailable"
    status = 503
    exit_code = 6


class MailboxError(PaperasseError):
    code = "mailbox_unavailable"
    status = 503
    exit_code = 6


class ModelError(PaperasseError):
    code = "model_unusable"
    status = 500


class ConfigurationError(PaperasseError):
    code = "configuration_error"
    status = 500
    exit_code = 8
