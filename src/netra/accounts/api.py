"""/api/v1/accounts/: who am I, and my API tokens."""

from django.core.exceptions import ValidationError
from ninja import Router, Status
from ninja.errors import HttpError

from netra.accounts.api_auth import AuthedRequest, staff_auth
from netra.accounts.schemas import MeOut, TokenCreatedOut, TokenCreateIn, TokenOut
from netra.accounts.selectors import token_get_for, token_list_for
from netra.accounts.services import token_create, token_revoke
from netra.core.schemas import Id

router = Router(auth=staff_auth, tags=["accounts"])


@router.get("/me", response=MeOut)
def me(request: AuthedRequest):
    return request.auth


@router.get("/tokens", response=list[TokenOut])
def tokens_list(request: AuthedRequest):
    return list(token_list_for(request.auth))


@router.post("/tokens", response={201: TokenCreatedOut})
def tokens_create(request: AuthedRequest, payload: TokenCreateIn):
    try:
        token, raw = token_create(user=request.auth, name=payload.name)
    except ValidationError as error:
        raise HttpError(422, "; ".join(error.messages)) from error
    token.raw = raw  # shown in this answer once; only its hash is stored
    return Status(201, token)


@router.post("/tokens/{token_id}/revoke", response=TokenOut)
def tokens_revoke(request: AuthedRequest, token_id: Id):
    return token_revoke(user=request.auth, token=token_get_for(request.auth, token_id))
