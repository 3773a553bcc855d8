"""The MSI package for Group Policy and Intune: per machine, silent, preconfigured by public properties.

``build_msi`` writes the WiX source (``aduan.wxs``) for a frozen folder and compiles it with ``wixl`` (msitools,
on Linux) or, where that is missing, with WiX 3's ``candle`` and ``light`` (an admin's Windows computer): the one
source is kept valid for both. The .wxs stays beside the .msi, so an admin can rebuild it on Windows.

What the package does:
- installs every file of the frozen folder under ``%ProgramFiles%\\Aduan`` (64-bit), read-only for officers;
- a Start-menu shortcut "Aduan";
- upgrades in place: one UpgradeCode for every version, a newer MSI removes the older product; the officer's
  data (``%LOCALAPPDATA%\\Aduan``: settings, cache, embedded database) is never part of the package;
- the public properties SERVER_URL, UNIT, LANGUAGE, SYNC_INTERVAL, CACHE_ENCRYPTION and CA_CERTIFICATE become
  REG_SZ values under ``HKLM\\SOFTWARE\\Policies\\Aduan`` named like the settings (``server_url``, ``unit``, …),
  the place Group Policy uses, read by the app as a policy layer above the policy file;
- built with a unit (``unit.toml``): ``unit-policy.json`` (and ``unit-ca.pem``) beside ``aduan.exe``, and the
  unit's values as the properties' defaults.

Per-user installs are left to the NSIS installer: the policy values live under HKLM, which only an elevated
install may write, so this package is per machine only (ALLUSERS=1).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from desktop.domain.errors import BadInput

# Never change: Windows Installer recognises every version of Aduan by it (that is what makes upgrades replace).
UPGRADE_CODE = "2B97C13E-EAA4-483B-9783-65C7B51601B6"
# Component GUIDs derive from the path of the file they hold: the same file keeps its GUID across versions.
_COMPONENT_NAMESPACE = uuid.UUID(UPGRADE_CODE)
MANUFACTURER = "Aduan"
PRODUCT_NAME = "Aduan"
EXECUTABLE = "aduan.exe"
POLICY_KEY = r"SOFTWARE\Policies\Aduan"
INSTALL_KEY = r"SOFTWARE\Aduan"
POLICY_FILE = "unit-policy.json"
CA_FILE = "unit-ca.pem"
SAVE_SEQUENCE = 40  # after FindRelatedProducts (25), before AppSearch (50)
RESTORE_SEQUENCE = 51  # after AppSearch, before LaunchConditions (100)
WIX_NAMESPACE = "http://schemas.microsoft.com/wix/2006/wi"


@dataclass(frozen=True, slots=True)
class PolicyProperty:
    """A public MSI property and the setting (registry value name) it sets."""

    property: str
    setting: str


POLICY_PROPERTIES = (
    PolicyProperty("SERVER_URL", "server_url"),
    PolicyProperty("UNIT", "unit"),
    PolicyProperty("LANGUAGE", "language"),
    PolicyProperty("SYNC_INTERVAL", "sync_interval_seconds"),
    PolicyProperty("CACHE_ENCRYPTION", "cache_encryption"),
    PolicyProperty("CA_CERTIFICATE", "ca_certificate"),
)


class Unit(Protocol):
    """What the MSI needs of ``installer.unit_config.UnitConfig``."""

    @property
    def ca_certificate(self) -> bytes | None: ...

    def policy(self) -> dict[str, object]: ...


def msi_version(version: str) -> str:
    """The ProductVersion Windows Installer compares (``major.minor.build``, at most 255.255.65535), taken from
    the project's version: ``0.2.0`` stays, ``1.4`` becomes ``1.4.0``; a pre-release or local part is refused
    because Windows Installer cannot order it (two builds would look alike and the second would not upgrade)."""
    match = re.fullmatch(r"(\d+)\.(\d+)(?:\.(\d+))?", version.strip())
    if not match:
        raise BadInput(f"version {version!r} cannot be an MSI ProductVersion: use major.minor.build, e.g. 0.2.0")
    major, minor, build = (int(part or 0) for part in match.groups())
    if major > 255 or minor > 255 or build > 65535:
        raise BadInput(f"version {version!r} is out of range for an MSI (at most 255.255.65535)")
    return f"{major}.{minor}.{build}"


def _id(prefix: str, relative: str) -> str:
    # Identifiers from the path: stable across builds, valid for WiX (letters, digits, '_', '.'; ≤ 72 characters).
    return f"{prefix}_{hashlib.sha1(relative.lower().encode('utf-8')).hexdigest()[:24]}"


def _component_guid(relative: str) -> str:
    return str(uuid.uuid5(_COMPONENT_NAMESPACE, relative.lower())).upper()


def _sub(parent: ET.Element, tag: str, **attributes: str) -> ET.Element:
    return ET.SubElement(parent, f"{{{WIX_NAMESPACE}}}{tag}", attributes)


def _unit_defaults(unit: Unit | None) -> dict[str, str]:
    """The unit's values as the properties' defaults (CA_CERTIFICATE excepted: the unit's certificate is named in
    the policy file beside the program, relative to it; a registry path would have to be absolute)."""
    if unit is None:
        return {}
    policy = unit.policy()
    defaults: dict[str, str] = {}
    for prop in POLICY_PROPERTIES:
        value = policy.get(prop.setting)
        if prop.setting != "ca_certificate" and value not in (None, ""):
            defaults[prop.property] = str(value)
    return defaults


def _stage_unit_files(unit: Unit | None, stage: Path) -> list[Path]:
    """The unit's files that go beside aduan.exe, written into ``stage``."""
    if unit is None:
        return []
    policy = dict(unit.policy())
    staged = [stage / POLICY_FILE]
    if unit.ca_certificate is not None:
        (stage / CA_FILE).write_bytes(unit.ca_certificate)
        policy["ca_certificate"] = CA_FILE
        staged.append(stage / CA_FILE)
    staged[0].write_text(json.dumps(policy, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return staged


def _properties(product: ET.Element, defaults: dict[str, str]) -> None:
    """The public properties. A property the MSI has no default for remembers the value an earlier install wrote
    (so an upgrade started without properties keeps the admin's settings): the registry is searched, and a value
    given on the command line is put back over what the search found — WiX's "remember property" pattern."""
    remembered = [p for p in POLICY_PROPERTIES if p.property not in defaults]
    for prop in POLICY_PROPERTIES:
        element = _sub(product, "Property", Id=prop.property, Secure="yes")
        if prop.property in defaults:
            element.set("Value", defaults[prop.property])
        else:
            _sub(
                element,
                "RegistrySearch",
                Id=f"Remembered_{prop.property}",
                Root="HKLM",
                Key=POLICY_KEY,
                Name=prop.setting,
                Type="raw",
                Win64="yes",
            )
    for prop in remembered:
        _sub(
            product,
            "CustomAction",
            Id=f"Save_{prop.property}",
            Property=f"CMDLINE_{prop.property}",
            Value=f"[{prop.property}]",
        )
        _sub(
            product,
            "CustomAction",
            Id=f"Restore_{prop.property}",
            Property=prop.property,
            Value=f"[CMDLINE_{prop.property}]",
        )
    if not remembered:
        return
    # Sequence numbers, not Before/After: wixl orders relative actions badly (some ran after InstallFinalize).
    # WiX and wixl both put FindRelatedProducts at 25, AppSearch at 50 and LaunchConditions at 100.
    for sequence_name in ("InstallUISequence", "InstallExecuteSequence"):
        sequence = _sub(product, sequence_name)
        for n, prop in enumerate(remembered):
            _sub(sequence, "Custom", Action=f"Save_{prop.property}", Sequence=str(SAVE_SEQUENCE + n))
            restore = _sub(sequence, "Custom", Action=f"Restore_{prop.property}", Sequence=str(RESTORE_SEQUENCE + n))
            restore.text = f"CMDLINE_{prop.property}"


def _policy_component(install_dir: ET.Element) -> None:
    component = _sub(install_dir, "Component", Id="PolicyValues", Guid=_component_guid("<policy values>"), Win64="yes")
    # The key path: always non-empty (a policy value may be empty, i.e. not set).
    _sub(
        component,
        "RegistryValue",
        Root="HKLM",
        Key=INSTALL_KEY,
        Name="InstallFolder",
        Value="[INSTALLDIR]",
        Type="string",
        KeyPath="yes",
    )
    for prop in POLICY_PROPERTIES:
        _sub(
            component,
            "RegistryValue",
            Root="HKLM",
            Key=POLICY_KEY,
            Name=prop.setting,
            Value=f"[{prop.property}]",
            Type="string",
        )


def _source(path: Path, base: Path) -> str:
    """A file's path as the .wxs names it: relative to the .wxs's folder, where the compilers run (wixl 0.101
    cannot open absolute paths); absolute only where no relative path exists (another Windows drive)."""
    try:
        return os.path.relpath(path.resolve(), base.resolve())
    except ValueError:
        return str(path.resolve())


def _files(install_dir: ET.Element, app_dir: Path, extra: list[Path], base: Path) -> list[str]:
    """One component per file (its key path), directories as in the frozen folder; the component ids."""
    directories: dict[Path, ET.Element] = {Path("."): install_dir}
    components: list[str] = []
    sources = [(path, path.relative_to(app_dir)) for path in sorted(app_dir.rglob("*")) if path.is_file()]
    sources += [(path, Path(path.name)) for path in extra]
    for source, relative in sources:
        parent = Path(".")
        for part in relative.parent.parts:
            child = parent / part
            if child not in directories:
                directories[child] = _sub(directories[parent], "Directory", Id=_id("dir", child.as_posix()), Name=part)
            parent = child
        key = relative.as_posix()
        component_id = "MainExecutable" if key == EXECUTABLE else _id("cmp", key)
        component = _sub(directories[parent], "Component", Id=component_id, Guid=_component_guid(key), Win64="yes")
        file_id = "AduanExe" if key == EXECUTABLE else _id("fil", key)
        _sub(component, "File", Id=file_id, Name=relative.name, Source=_source(source, base), KeyPath="yes")
        if key == EXECUTABLE:
            # Not advertised: the shortcut starts the program itself (wixl cannot author advertised shortcuts to a
            # file, and an advertised one would repair the install on every start).
            _sub(
                component,
                "Shortcut",
                Id="StartMenuShortcut",
                Directory="ProgramMenuFolder",
                Name=PRODUCT_NAME,
                Target="[#AduanExe]",
                WorkingDirectory="INSTALLDIR",
                Advertise="no",
                Description="Aduan",
            )
        components.append(component_id)
    return components


def wxs_source(app_dir: Path, version: str, unit: Unit | None, stage: Path, base: Path) -> str:
    """The WiX 3 source of the package for the frozen folder ``app_dir``: unit files are written to ``stage``,
    file paths are relative to ``base`` (the folder the .wxs is saved in)."""
    if not (app_dir / EXECUTABLE).is_file():
        raise BadInput(f"{app_dir} holds no {EXECUTABLE}: the MSI packages a frozen Windows build")
    ET.register_namespace("", WIX_NAMESPACE)
    wix = ET.Element(f"{{{WIX_NAMESPACE}}}Wix")
    product = _sub(
        wix,
        "Product",
        Id="*",
        Name=PRODUCT_NAME,
        Language="1033",
        Version=msi_version(version),
        Manufacturer=MANUFACTURER,
        UpgradeCode=UPGRADE_CODE,
    )
    # InstallerVersion 500: Windows Installer 5 (Windows 7 and later), the first with 64-bit packages done right.
    _sub(
        product,
        "Package",
        InstallerVersion="500",
        Compressed="yes",
        InstallScope="perMachine",
        Description=f"Aduan {version}",
        Manufacturer=MANUFACTURER,
    )
    _sub(product, "MajorUpgrade", DowngradeErrorMessage="A newer version of Aduan is already installed.")
    _sub(product, "MediaTemplate", EmbedCab="yes")
    _sub(product, "Icon", Id="AduanIcon.exe", SourceFile=_source(app_dir / EXECUTABLE, base))
    _sub(product, "Property", Id="ARPPRODUCTICON", Value="AduanIcon.exe")
    _properties(product, _unit_defaults(unit))

    target = _sub(product, "Directory", Id="TARGETDIR", Name="SourceDir")
    program_files = _sub(target, "Directory", Id="ProgramFiles64Folder")
    install_dir = _sub(program_files, "Directory", Id="INSTALLDIR", Name=PRODUCT_NAME)
    _sub(target, "Directory", Id="ProgramMenuFolder")
    components = _files(install_dir, app_dir, _stage_unit_files(unit, stage), base)
    _policy_component(install_dir)

    feature = _sub(product, "Feature", Id="Complete", Title=PRODUCT_NAME, Level="1")
    for component_id in [*components, "PolicyValues"]:
        _sub(feature, "ComponentRef", Id=component_id)
    ET.indent(wix)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(wix, encoding="unicode") + "\n"


def _run(command: list[str], what: str, cwd: Path) -> None:
    result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=cwd)
    if result.returncode != 0:
        raise BadInput(f"{what} failed ({result.returncode}):\n{result.stdout}{result.stderr}")


def _secure_properties_for_wixl(msi: Path) -> None:
    """wixl ignores Property/@Secure: add the policy properties to SecureCustomProperties itself, so that an
    elevated install passes them from the command line to the part of msiexec that writes the registry."""
    msibuild = shutil.which("msibuild")
    if not msibuild:
        raise BadInput("msibuild (msitools) is missing: the MSI's public properties cannot be marked secure")
    secure = ";".join(["WIX_DOWNGRADE_DETECTED", "WIX_UPGRADE_DETECTED", *(p.property for p in POLICY_PROPERTIES)])
    query = f"UPDATE `Property` SET `Value` = '{secure}' WHERE `Property` = 'SecureCustomProperties'"
    _run([msibuild, str(msi), "-q", query], "msibuild", msi.parent)


def compile_wxs(wxs: Path, msi: Path) -> None:
    """Compile with wixl where it is installed (Linux), else with WiX 3 (candle + light, Windows)."""
    wixl = shutil.which("wixl")
    if wixl:
        _run([wixl, "--arch", "x64", "--output", str(msi), str(wxs)], "wixl", wxs.parent)
        _secure_properties_for_wixl(msi)
        return
    candle, light = shutil.which("candle"), shutil.which("light")
    if not (candle and light):
        raise BadInput("neither wixl (msitools) nor WiX 3 (candle, light) is installed: cannot build the MSI")
    wixobj = msi.with_suffix(".wixobj")
    _run([candle, "-nologo", "-arch", "x64", "-out", str(wixobj), str(wxs)], "candle", wxs.parent)
    # -sval: the ICE checks were written for per-user shortcuts and flag this per-machine one; the package is
    # checked by installing it instead (tests/installer/test_msi.py, .github/workflows/windows.yml).
    _run([light, "-nologo", "-sval", "-out", str(msi), str(wixobj)], "light", wxs.parent)
    wixobj.unlink(missing_ok=True)


def build_msi(app_dir: Path, out_dir: Path, version: str, unit: Unit | None) -> Path:
    """Build ``aduan-VERSION.msi`` in ``out_dir`` from the frozen folder ``app_dir`` (which holds aduan.exe);
    ``unit`` (a loaded unit.toml) preconfigures it. The .wxs is kept beside it."""
    out_dir.mkdir(parents=True, exist_ok=True)
    msi = out_dir / f"aduan-{version}.msi"
    wxs = out_dir / "aduan.wxs"
    # The unit's files stay beside the .wxs that names them, so that it can be compiled again.
    stage = out_dir / "msi-unit"
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir()
    wxs.write_text(wxs_source(app_dir, version, unit, stage, out_dir), encoding="utf-8")
    compile_wxs(wxs, msi)
    return msi
