"""Scoped viewset base for every app's REST API (its serializer fields: ``core.api_fields``).

Every API viewset is a ``ScopedViewSet``: its queryset comes from the app's scoped selector
(so an object outside the actor's scope is a 404, exactly as on the pages), reading needs
``read_perm`` (or, for 仅本人 roles, ``self_perm`` on their own rows) and writing needs
``write_perm`` (else 403). Writes go through the app's services; serializers only parse and
format.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any, ClassVar

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model, QuerySet
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.filters import OrderingFilter
from rest_framework.permissions import SAFE_METHODS, BasePermission, IsAuthenticated
from rest_framework.response import Response

from gonghui.core.access import Access
from gonghui.core.api import MUST_CHANGE_PASSWORD
from gonghui.core.api_fields import (  # noqa: F401  (re-exported: fields used to live here)
    NoInput,
    PersonalDataField,
    ScopedRelatedField,
    ScopedSlugField,
    money_field,
    scoped_ref,
)
from gonghui.core.encrypted import search_key
from gonghui.core.errors import DomainError
from gonghui.core.roles import Perm

# POST actions that only read (a search whose terms must stay out of the URL).
READ_ACTIONS = frozenset({"search"})
# The methods of a viewset that declares no update: its records are read and created (and
# taken through their steps), never PATCHed.
READ_AND_CREATE = ["get", "post", "head", "options"]
# The methods of a viewset that declares an update: edits are PATCHes of the fields sent (a PUT
# would have to restate every field and answers 405); nothing is deleted.
EDITABLE = [*READ_AND_CREATE, "patch"]
NUMBER_IN_URL = (
    "完整身份证号或手机号不能放在网址中（会留在访问日志里），请改用 POST {path}search/ 提交查询条件"
)


def refuse_numbers_in_url(request) -> None:
    """A whole 身份证号 or mobile number as ``?search=`` lands in every access log on the
    way: refused (400) with the way to send it instead."""
    value = request.query_params.get("search") or ""
    if search_key(value) is not None:
        raise ValidationError({"search": [NUMBER_IN_URL.format(path=request.path)]})


class ScopedPermission(BasePermission):
    """Reads are narrowed by the queryset; writes need the view's ``write_perm``, or for an
    action listed in the view's ``action_perms`` any one of the permissions it names there
    (a 审核员 approves payments without editing them; a worker applies for themselves)."""

    message = "您的角色无权修改此类数据"

    def has_permission(self, request, view) -> bool:
        if getattr(request.user, "must_change_password", False):
            raise PermissionDenied(MUST_CHANGE_PASSWORD)
        action_name = getattr(view, "action", None)
        if request.method in SAFE_METHODS or action_name in READ_ACTIONS:
            return True
        needed = getattr(view, "action_perms", {}).get(action_name)
        if needed is None:
            needed = getattr(view, "write_perm", None)
        if needed is None:
            return False
        perms = (needed,) if isinstance(needed, Perm) else tuple(needed)
        return any(request.access.has(perm) for perm in perms)


class ScopedViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """list / retrieve / create / update over a scoped selector; no destroy.

    Records with history are deactivated through their services, never deleted. Subclasses
    set ``selector`` (``access -> QuerySet``), ``read_perm``, ``write_perm`` and declare their
    services — ``create_service`` (called ``service(actor=…, **validated)``) and
    ``update_service`` (``(service, "<keyword of the record>")``, its input parsed by
    ``update_serializer_class`` where that differs) — or override
    ``create_object`` / ``update_object`` where the service needs more than the parsed data.
    An update service that saves the whole record (a ``*_save`` taking every field, not
    only the changed ones) lists them in ``update_keeps``: a PATCH leaving one out sends
    the record's current value (``kept_value``).
    A service returning ``(record, warnings)`` answers with the record. ``queryset`` (the
    model, for the schema) defaults to the serializer's model; ``create_serializer_class``
    parses creations where they take more than the representation shows. A viewset that
    declares no update answers PUT and PATCH with 405 (``READ_AND_CREATE``); one that does
    takes PATCH only (``EDITABLE``: a PUT answers 405).
    """

    permission_classes: ClassVar = [IsAuthenticated, ScopedPermission]
    selector: ClassVar[Callable[[Access], QuerySet]]
    read_perm: ClassVar[Perm]
    write_perm: ClassVar[Perm | None] = None
    # Writing actions allowed with other permissions than ``write_perm`` (any one of them).
    action_perms: ClassVar[dict[str, Perm | tuple[Perm, ...]]] = {}
    # Roles with 仅本人 scope read their own rows (the model's ScopeRule.owner) with this perm.
    self_perm: ClassVar[Perm | None] = None
    create_service: ClassVar[Callable[..., Any] | None] = None
    update_service: ClassVar[tuple[Callable[..., Any], str] | None] = None
    create_serializer_class: ClassVar[type[serializers.Serializer] | None] = None
    # Parses updates where a record freezes more fields once created (e.g. its parent).
    update_serializer_class: ClassVar[type[serializers.Serializer] | None] = None
    # Related rows the representation reads, prefetched on every read.
    prefetch: ClassVar[tuple[str, ...]] = ()
    # Re-read a record after a write, for the annotations and prefetches of the selector.
    reread: ClassVar[bool] = False
    # The fields ``update_service`` needs in full: what a PATCH leaves out keeps its value.
    update_keeps: ClassVar[tuple[str, ...]] = ()
    # The keyword the services of the viewset's steps take the record by (by default the one of
    # ``update_service``).
    record_keyword: ClassVar[str | None] = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        meta = getattr(getattr(cls, "serializer_class", None), "Meta", None)
        if getattr(cls, "queryset", None) is None and getattr(meta, "model", None) is not None:
            cls.queryset = meta.model._default_manager.all()
        steps = {name: v for name, v in vars(cls).items() if isinstance(v, RecordStep)}
        if steps:
            perms = dict(cls.action_perms)
            for name, declared in steps.items():
                setattr(cls, name, declared.action(name, cls))
                if declared.perm is not None:
                    perms[name] = declared.perm
            cls.action_perms = perms
        base = viewsets.GenericViewSet.http_method_names
        derived = cls.http_method_names in (base, READ_AND_CREATE, EDITABLE)  # not a parent's
        if derived and "http_method_names" not in vars(cls):
            updates = cls.update_service is not None or cls.update_object is not (
                ScopedViewSet.update_object
            )
            cls.http_method_names = EDITABLE if updates else READ_AND_CREATE

    @property
    def access(self) -> Access:
        return self.request.access

    def may_read(self) -> bool:
        access = self.access
        if access.has(self.read_perm):
            return True
        return self.self_perm is not None and access.is_self_only and access.has(self.self_perm)

    def get_queryset(self) -> QuerySet:
        if getattr(self, "swagger_fake_view", False):
            return self.queryset.none()
        queryset = self.decorate_queryset(type(self).selector(self.access))
        # An empty result keeps the selector's annotations: filters on computed columns
        # (a contract's 状态) must not meet a bare model queryset and answer 500.
        return queryset if self.may_read() else queryset.none()

    def get_serializer_class(self) -> type[serializers.Serializer]:
        if self.action == "create":
            chosen = self.create_serializer_class
        elif self.action in ("update", "partial_update"):
            chosen = self.update_serializer_class
        else:
            chosen = None
        return chosen or super().get_serializer_class()

    def decorate_queryset(self, queryset: QuerySet) -> QuerySet:
        """Annotations for the representation (computed in the database); ``prefetch``ed
        related rows by default."""
        return queryset.prefetch_related(*self.prefetch) if self.prefetch else queryset

    def list(self, request, *args, **kwargs):
        refuse_numbers_in_url(request)
        return super().list(request, *args, **kwargs)

    def perform_create(self, serializer) -> None:
        serializer.instance = self.create_object(dict(serializer.validated_data))

    def perform_update(self, serializer) -> None:
        serializer.instance = self.update_object(
            serializer.instance, dict(serializer.validated_data)
        )

    def fresh(self, obj: Model) -> Model:
        """The object as the representation shows it after a write: re-read through the
        scoped queryset where ``reread`` says it needs its annotations or prefetches, the
        object itself by default."""
        return self.get_queryset().get(pk=obj.pk) if self.reread else obj

    def step(
        self,
        params: type[serializers.Serializer] | None,
        call: Callable[[Any, dict[str, Any]], Any] | tuple[Callable[..., Any], str],
        *,
        perm: Perm | None = None,
        respond: type[serializers.Serializer] | None = None,
        created: bool = False,
    ) -> Response:
        """One ``@action`` on a record: parse ``params``, hand the record and the parsed data to
        ``call``, answer with the result in ``respond`` (the viewset's serializer by default).
        ``call`` is ``(service, "<keyword of the record>")`` — called
        ``service(actor=…, <keyword>=record, **parsed)`` — or, where the service takes more
        than that, a function of the record and the parsed data. ``params`` None: the step
        takes no input. ``perm`` narrows an action below the viewset's ``write_perm``."""
        if perm is not None and not self.access.has(perm):
            raise PermissionDenied(ScopedPermission.message)
        obj = self.get_object()
        data: dict[str, Any] = {}
        if params is not None:
            parsed = params(data=self.request.data, context=self.get_serializer_context())
            parsed.is_valid(raise_exception=True)
            data = dict(parsed.validated_data)
        if isinstance(call, tuple):
            service, keyword = call
            result = call_service(service, actor=self.access, data=data, **{keyword: obj})
        else:
            result = call(obj, data)
        if respond is None:
            body = self.get_serializer(self.fresh(result)).data
        else:
            body = respond(result, context=self.get_serializer_context()).data
        return Response(body, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)

    def create_object(self, data: dict[str, Any]) -> Model:
        service = type(self).create_service
        if service is None:
            raise NotImplementedError  # a writable viewset declares its create service
        return self.fresh(_record(call_service(service, actor=self.access, data=data)))

    def update_object(self, instance: Model, data: dict[str, Any]) -> Model:
        if self.update_service is None:
            raise NotImplementedError  # a writable viewset declares its update service
        service, keyword = self.update_service
        left_out = (name for name in self.update_keeps if name not in data)
        data = {**{name: self.kept_value(instance, name) for name in left_out}, **data}
        result = call_service(service, actor=self.access, data=data, **{keyword: instance})
        return self.fresh(_record(result))

    def kept_value(self, instance: Model, name: str) -> Any:
        """The current value of ``name`` (one of ``update_keeps``) as the update service takes
        it: the related rows of a many-to-many or reverse relation as a list, else the
        attribute."""
        try:
            field = instance._meta.get_field(name)
        except FieldDoesNotExist:  # an attribute of the record, not a field
            return getattr(instance, name)
        if field.many_to_many or field.one_to_many:
            return list(getattr(instance, name).all())
        return getattr(instance, name)


def record_action(
    name: str,
    service: Callable[..., Any],
    keyword: str,
    params: type[serializers.Serializer] | None,
    *,
    summary: str,
    url_path: str | None = None,
    respond: type[serializers.Serializer] | None = None,
    created: bool = False,
    description: str | None = None,
    shows: type[serializers.Serializer] | None = None,
):
    """A declared ``POST <detail>/<url_path>/`` step of a record: ``params`` parsed, then
    ``service(actor=…, <keyword>=record, **parsed)`` through ``ScopedViewSet.step`` (so the
    record is looked up in scope first: outside it the step is a 404). ``shows`` documents
    the answer where ``respond`` is not given (the viewset's serializer). In a viewset body::

        approve = record_action("approve", services.payment_approve, "payment", NoInput,
                                summary="审核")

    (``RecordStep`` declares the same with less.)
    """

    def run(self, request, pk=None):
        return self.step(params, (service, keyword), respond=respond, created=created)

    run.__name__ = name  # the router names the URL (<basename>-<url_name>) after it
    run.__doc__ = summary
    path = url_path or name.rstrip("_").replace("_", "-")
    documented: dict[str, Any] = {}
    if respond or shows:
        documented["responses"] = {201: respond or shows} if created else respond or shows
    schema = extend_schema(summary=summary, description=description, request=params, **documented)
    return schema(action(detail=True, methods=["post"], url_path=path, url_name=path)(run))


class RecordStep:
    """A step of a record declared in a ``ScopedViewSet`` body by its service alone: the
    attribute's name is the action's (``return_`` is served at ``return/``), the record is
    passed to the service by the viewset's ``record_keyword`` (or ``keyword``) and ``perm``,
    where given, is the permission the step needs instead of ``write_perm`` (it joins the
    viewset's ``action_perms``). The class creation turns it into ``record_action``::

        class PaymentViewSet(WorkViewSet):
            record_keyword = "payment"
            approve = RecordStep(services.payment_approve, NoInput, summary="审核",
                                 perm=Perm.APPROVE_PAYMENTS)
            paid = RecordStep(services.payment_paid, PaidSerializer, summary="登记发放到账")
    """

    def __init__(
        self,
        service: Callable[..., Any],
        params: type[serializers.Serializer] | None = None,
        *,
        summary: str,
        perm: Perm | tuple[Perm, ...] | None = None,
        keyword: str | None = None,
        **options: Any,
    ) -> None:
        self.service, self.params, self.summary = service, params, summary
        self.perm, self.keyword, self.options = perm, keyword, options

    def action(self, name: str, viewset: type[ScopedViewSet]):
        keyword = self.keyword or viewset.record_keyword
        if keyword is None and viewset.update_service is not None:
            keyword = viewset.update_service[1]
        if keyword is None:
            raise TypeError(f"{name}: the viewset declares no record_keyword for its steps")
        options = {"shows": getattr(viewset, "serializer_class", None), **self.options}
        return record_action(
            name, self.service, keyword, self.params, summary=self.summary, **options
        )


def reveal_action(
    shows: type[serializers.Serializer],
    *,
    summary: str,
    description: str,
    forbidden: str,
    url_path: str | None = None,
):
    """Decorates ``read(view, request, record) -> dict`` — the plain values of what the record
    reads masked, each read audited by the reveal it calls — into ``GET <detail>/<url_path>/``
    answering them in ``shows``: outside the scope a 404, a role the reveal refuses a 403 with
    its words (``forbidden`` documents it)."""

    def declare(read: Callable[..., dict[str, Any]]):
        def run(self, request, pk=None):
            record = self.get_object()
            try:
                plain = read(self, request, record)
            except DomainError as exc:
                raise PermissionDenied(exc.message) from exc
            return Response(shows(plain).data)

        run.__name__ = read.__name__  # the router names the URL after it
        path = url_path or read.__name__.replace("_", "-")
        schema = extend_schema(
            summary=summary,
            description=description,
            responses={
                200: shows,
                403: OpenApiResponse(description=forbidden),
                404: OpenApiResponse(description="不存在或不在管辖范围内"),
            },
        )
        return schema(action(detail=True, methods=["get"], url_path=path, url_name=path)(run))

    return declare


def service_requires(service: Callable[..., Any]) -> set[str]:
    """The keyword-only arguments a service cannot do without (no default)."""
    return {
        name
        for name, parameter in inspect.signature(service).parameters.items()
        if parameter.kind is parameter.KEYWORD_ONLY and parameter.default is parameter.empty
    }


def call_service(service: Callable[..., Any], *, actor: Access, data: dict[str, Any], **bound):
    """``service(actor=…, **bound, **data)``, refusing with 400 what the parsed data lacks.

    A serializer field that the model lets be optional may still be one the service needs;
    the caller then hears which field is missing instead of a TypeError answered with 500.
    The conformance suite (tests/conformance/test_api_services.py) keeps them in step.
    """
    missing = service_requires(service) - {"actor", *bound, *data}
    if missing:
        raise serializers.ValidationError({name: ["该字段是必填项。"] for name in sorted(missing)})
    return service(actor=actor, **bound, **data)


class PersonalSearchMixin:
    """``POST <list>/search/``: the list's filters in the request body instead of the URL, for
    a search by a whole 身份证号 or mobile number (refused as ``?search=``). Answers like the
    list, scoped and paginated; only reads, so read-only roles may use it."""

    @extend_schema(
        summary="按条件查询（可含完整身份证号、手机号）",
        description='请求体为列表的筛选条件（如 {"search": "完整身份证号"}），返回与列表相同的'
        "分页结果。完整号码不要放在网址的 search 参数中。",
        request=OpenApiTypes.OBJECT,
    )
    @action(detail=False, methods=["post"], url_path="search", url_name="search")
    def search(self, request):
        params = request.query_params.copy()
        for name, value in request.data.items():
            params[name] = value if isinstance(value, str) else str(value)
        filterset = self.filterset_class(params, queryset=self.get_queryset(), request=request)
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        queryset = OrderingFilter().filter_queryset(request, filterset.qs, self)
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


def _record(result: Any) -> Any:
    return result[0] if isinstance(result, tuple) else result


class WorkViewSet(ScopedViewSet):
    """A work line's records: read with 查看业务数据, written with 编辑业务数据."""

    read_perm = Perm.VIEW_WORK
    write_perm = Perm.EDIT_WORK
