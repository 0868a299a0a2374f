"""``hubdesk init``: make a data folder a municipality's, a field laptop's or the hub's."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from hubdesk.commands.common import (
    CliEnv,
    CliError,
    refuse_server_unless_hub,
    shown,
    speak_installation_language,
)
from hubdesk.domain.enums import Country, Role
from hubdesk.i18n import LANGUAGES, N_, _
from hubdesk.services.errors import ValidationError
from hubdesk.services.installation import check_setup, initialise, name_keys
from hubdesk.sync.keys import ensure_keys
from hubdesk.sync.peers import init_field_from_profile, municipality_profile
from hubdesk.sync.profile import read_profile


def register(sub: Any) -> None:
    parser = sub.add_parser(
        "init",
        help=_("set up this data folder for a municipality, a field laptop or the hub"),
        description=_(
            "Set up the data folder for a municipality, a field laptop that records for a "
            "municipality, or the regional hub. A folder is set up once."
        ),
    )
    parser.add_argument(
        "--role",
        required=True,
        choices=[role.value for role in Role],
        help=_("who works with this copy of HubDesk"),
    )
    parser.add_argument("--name", required=True, help=_("name of the municipality, or of the hub"))
    parser.add_argument(
        "--country",
        type=str.upper,
        metavar="CC",
        help=_("the municipality's country: {codes} (not needed for the hub)").format(
            codes=", ".join(country.value for country in Country)
        ),
    )
    parser.add_argument(
        "--lang",
        default="en",
        metavar="L",
        help=_("language of the program: {codes} (default: en)").format(codes=", ".join(LANGUAGES)),
    )
    parser.add_argument(
        "--from-profile",
        type=Path,
        metavar="FILE",
        help=_(
            "for a field laptop: the municipality's profile file; the laptop records for that "
            "municipality and trusts it at once"
        ),
    )
    parser.set_defaults(handler=run_init, field_options={"language": "--lang"})


def run_init(args: argparse.Namespace, env: CliEnv) -> int:
    country = args.country
    if args.from_profile is not None:
        if args.role != Role.FIELD:
            raise CliError(_("--from-profile sets up a field laptop; use it with --role field."))
        municipality = municipality_profile(args.from_profile).municipality or {}
        country = municipality.get("country", country)
        if args.country and args.country != country:  # never set aside without a word
            raise ValidationError.single(
                "country", N_("The municipality sets its country; this field laptop follows it.")
            )
    check_setup(role=args.role, name=args.name, country=country, language=args.lang)
    refuse_server_unless_hub(env, args.role)
    with env.locked():
        if args.from_profile is not None:
            ctx = init_field_from_profile(
                env.database(), env.data_dir, args.from_profile, name=args.name,
                language=args.lang,
            )  # fmt: skip
        else:
            ctx = initialise(
                env.database(), role=args.role, name=args.name, country=country,
                language=args.lang,
            )  # fmt: skip
        own = ensure_keys(env.data_dir)
        ctx.data_dir = env.data_dir
        name_keys(ctx)  # whose they are, for a restore should the database be lost
        env.remember_server()
        speak_installation_language(env.database())  # as every later command will
    env.out(_("HubDesk is set up in {path}.").format(path=shown(env.data_dir)))
    env.out(_("Name: {name}").format(name=args.name.strip()))
    env.out(_("Role: {role}").format(role=ctx.role.label))
    env.out(_("Installation id: {id}").format(id=ctx.installation_id))
    env.out(_("Key fingerprint: {fingerprint}").format(fingerprint=own.public.fingerprint))
    joined = read_profile(args.from_profile) if args.from_profile is not None else None
    if joined is not None:
        # Trusted at once: the person reads whose it is and compares it by phone, as the
        # window's assistant shows it, so a wrong office's profile is caught now.
        env.out(
            _(
                "This field laptop records for '{name}' and trusts its profile; compare the "
                "municipality's fingerprint with its focal point by phone: {fingerprint}"
            ).format(name=joined.shown_name(), fingerprint=joined.fingerprint)
        )
    hub = joined.hub if joined is not None else None
    if hub is not None:
        env.out(
            _(
                "This field laptop will accept decisions signed by the hub '{name}'; "
                "compare the hub's fingerprint with the hub by phone too: {fingerprint}"
            ).format(name=hub.name, fingerprint=hub.fingerprint)
        )
    return 0
