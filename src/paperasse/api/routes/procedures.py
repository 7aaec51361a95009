"""The procedure catalogue: public information, readable without signing in."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field

from paperasse.api.schemas import ErrorOut
from paperasse.checks import Piece, Procedure, get_procedure, load_catalogue

router = APIRouter(prefix="/api/v1/procedures", tags=["procedures"])


class ProcedureOut(BaseModel):
    id: str
    title: str
    description: str
    reference: str
    service: str | None = Field(description="service of the town hall that instructs it")
    notes: list[str]
    pieces: list[Piece]

    @classmethod
    def of(cls, procedure: Procedure) -> ProcedureOut:
        return cls(
            id=procedure.id,
            title=procedure.title,
            description=procedure.description,
            reference=procedure.reference,
            service=procedure.service,
            notes=list(procedure.notes),
            pieces=list(procedure.pieces),
        )


@router.get("", response_model=list[ProcedureOut])
def list_procedures() -> list[ProcedureOut]:
    """Every procedure with the pieces its dossier needs."""
    return [ProcedureOut.of(p) for p in load_catalogue().values()]


@router.get("/{procedure_id}", response_model=ProcedureOut, responses={404: {"model": ErrorOut}})
def show_procedure(procedure_id: str) -> ProcedureOut:
    """One procedure and its pieces."""
    return ProcedureOut.of(get_procedure(procedure_id))
