"""Get-Item, Get-ChildItem, New-Item, Remove-Item, Copy-Item and Move-Item on real files, from
PowerShell's Pester tests (test/powershell/Modules/Microsoft.PowerShell.Management/*.Tests.ps1)."""

from __future__ import annotations

import datetime as dt
import io
import os

import pytest

import psbridge
from psbridge.cli.formatting import format_output
from psbridge.objects import PSObject
from psbridge.objects.values import SecureString
from psbridge.runtime.host import ConsoleHost
from tests.pscmdlets.helpers import Session


@pytest.fixture
def ps(tmp_path) -> Session:
    session = Session()
    session("Set-Location", str(tmp_path))
    return session


def error_ids(call) -> list[str]:
    """The error ids a command wrote (through psbridge.invoke, which raises PipelineError for them)."""
    with pytest.raises(psbridge.PSError) as caught:
        call()
    error = caught.value
    if isinstance(error, psbridge.PipelineError):
        return [record.fully_qualified_error_id for record in error.errors]
    return [error.error_record.fully_qualified_error_id]


def invoke(tmp_path, command: str, *args, **params):
    """psbridge.invoke with relative paths made absolute (invoke has its own session)."""
    return psbridge.invoke(command, *args, **params)


# -- Get-Item.Tests.ps1 ---------------------------------------------------------------------------


def test_get_item_types_and_names(ps: Session, tmp_path) -> None:
    # Get-Item.Tests.ps1:12-28
    (tmp_path / "Get-Item.Tests.ps1").write_text("x")
    (tmp_path / "sub").mkdir()
    assert len(ps("Get-Item", str(tmp_path / "*"))) == 2
    (directory,) = ps("Get-Item", str(tmp_path))
    assert directory.pstypenames[0] == "System.IO.DirectoryInfo" and directory.Name == tmp_path.name
    (file,) = ps("Get-Item", str(tmp_path / "Get-Item.Tests.ps1"))
    assert file.pstypenames[0] == "System.IO.FileInfo"
    assert (file.Length, file.Extension, file.BaseName, file.FullName) == (
        1,
        ".ps1",
        "Get-Item.Tests",
        str(tmp_path / "Get-Item.Tests.ps1"),
    )
    assert file.PSIsContainer is False and directory.PSIsContainer is True
    assert str(file) == str(tmp_path / "Get-Item.Tests.ps1")


def test_get_item_literal_path_finds_no_additional_files(ps: Session, tmp_path) -> None:
    # Get-Item.Tests.ps1:30-37
    (tmp_path / "file[abc].txt").write_text("")
    (tmp_path / "filea.txt").write_text("")
    (item,) = ps("Get-Item", LiteralPath=str(tmp_path / "file[abc].txt"))
    assert item.Name == "file[abc].txt"
    assert [i.Name for i in ps("Get-Item", str(tmp_path / "file[abc].txt"))] == ["filea.txt"]


def test_mode_flags_are_set(ps: Session, tmp_path) -> None:
    # Get-Item.Tests.ps1:39-41, Get-ChildItem.Tests.ps1:296-340 (Mode of a directory and a link)
    (tmp_path / "d").mkdir()
    (tmp_path / "f").write_text("")
    os.symlink(tmp_path / "d", tmp_path / "link")
    modes = {item.Name: item.Mode for item in ps("Get-ChildItem", str(tmp_path))}
    assert modes == {"d": "d----", "link": "l----", "f": "-----"}


def test_hidden_items_need_force(ps: Session, tmp_path) -> None:
    # Get-Item.Tests.ps1:43-53
    (tmp_path / ".hidden.txt").write_text("")
    assert ps("Get-Item", str(tmp_path / ".hidden.txt"), ErrorAction="SilentlyContinue") == []
    (item,) = ps("Get-Item", str(tmp_path / ".hidden.txt"), Force=True)
    assert item.FullName == str(tmp_path / ".hidden.txt") and item.Mode == "---h-"


def test_root_to_string(ps: Session) -> None:
    # Get-Item.Tests.ps1:64-67
    assert str(ps("Get-Item", "/")[0]) == "/"


def test_get_item_include_exclude_filter(ps: Session, tmp_path) -> None:
    # Get-Item.Tests.ps1:69-96
    base = tmp_path / "IncludeExclude"
    base.mkdir()
    (base / "file1.txt").write_text("")
    (base / "file2.txt").write_text("")

    def names(**params):
        return [item.Name for item in ps("Get-Item", str(base / "*"), **params)]

    assert names(Exclude="file2.txt") == ["file1.txt"]
    assert names(Include="file2.txt") == ["file2.txt"]
    assert names(Filter="*2*") == ["file2.txt"]
    assert names(Filter="*.txt", Include="file[12].txt", Exclude="file2.txt") == ["file1.txt"]


def test_get_item_errors(tmp_path) -> None:
    # Get-Item.Tests.ps1:98-106 (drive); the missing path is ItemNotFoundException as everywhere
    assert error_ids(lambda: psbridge.invoke("Get-Item", "BadDrive:/BadFile", ErrorAction="Stop")) == [
        "DriveNotFound,Microsoft.PowerShell.Commands.GetItemCommand"
    ]
    assert error_ids(lambda: psbridge.invoke("Get-Item", str(tmp_path / "nope"))) == [
        "PathNotFound,Microsoft.PowerShell.Commands.GetItemCommand"
    ]


# -- Get-ChildItem.Tests.ps1 ----------------------------------------------------------------------

ITEM_A, ITEM_B, ITEM_C, ITEM_D = (
    "a3fe710a-31af-4834-bc29-d0b584589838",
    "B1B691A9-B7B1-4584-AED7-5259511BEEC4",
    "c283d143-2116-4809-bf11-4f7d61613f92",
    "D39B4FD9-3E1D-4DD5-8718-22FE2C934CE3",
)
ITEM_E, ITEM_F, ITEM_G = (
    "EE150FEB-0F21-4AFF-8066-AF59E925810C",
    ".F81D8514-8862-4227-B041-0529B1656A43",
    "5560A62F-74F1",
)
ITEM_H, ITEM_I, ITEM_J = "5f05ebca-4859-11ec-81d3-0242ac130003", "z" * 40, "32d74aae-9054-4fa7-be97-8c806d10e8b9"


@pytest.fixture
def tree(ps: Session, tmp_path):
    """Get-ChildItem.Tests.ps1:7-41, made with New-Item as the original does."""
    for name in (ITEM_A, ITEM_B, ITEM_C, ITEM_D, ITEM_F):
        ps("New-Item", Path=str(tmp_path), Name=name, ItemType="File", Force=True)
    ps("New-Item", Path=str(tmp_path), Name=ITEM_E, ItemType="Directory", Force=True)
    ps("New-Item", Path=str(tmp_path / ITEM_E), Name=ITEM_G, ItemType="File", Force=True)
    ps("New-Item", Path=str(tmp_path / ITEM_I / ITEM_H), Name=ITEM_J, ItemType="Directory", Force=True)
    return tmp_path


def test_lists_in_sorted_order(ps: Session, tree) -> None:
    # Get-ChildItem.Tests.ps1:103-111: directories first, then files, each by name ignoring case
    names = [item.Name for item in ps("Get-ChildItem", Path=str(tree))]
    assert names == [ITEM_E, ITEM_I, ITEM_A, ITEM_B, ITEM_C, ITEM_D]


def test_force_and_hidden(ps: Session, tree) -> None:
    # Get-ChildItem.Tests.ps1:113-131
    files = ps("Get-ChildItem", Path=str(tree), Force=True)
    assert len(files) == 7 and ITEM_F in [f.Name for f in files]
    assert [f.Name for f in ps("Get-ChildItem", Path=str(tree), Hidden=True)] == [ITEM_F]
    assert [f.Name for f in ps("Get-ChildItem", Path=str(tree / ITEM_F), Hidden=True)] == [ITEM_F]


def test_depth_include_and_exclude(ps: Session, tree) -> None:
    # Get-ChildItem.Tests.ps1:133-150
    assert len(ps("Get-ChildItem", Path=str(tree), Depth=0)) == 6
    assert len(ps("Get-ChildItem", Path=str(tree), Depth=0, Include="*")) == 6
    assert len(ps("Get-ChildItem", Path=str(tree), Depth=0, Exclude="IntentionallyNonexistent")) == 6
    assert len(ps("Get-ChildItem", Path=str(tree), Depth=1)) == 8
    assert len(ps("Get-ChildItem", Path=str(tree), Depth=1, Include=ITEM_G)) == 1
    assert len(ps("Get-ChildItem", Path=str(tree), Depth=1, Exclude=ITEM_A)) == 7
    assert ps("Get-ChildItem", LiteralPath=str(tree), Recurse=True, Exclude="*") == []
    assert len(ps("Get-ChildItem", LiteralPath=str(tree), Depth=1, Include=ITEM_G)) == 1
    assert len(ps("Get-ChildItem", LiteralPath=str(tree), Depth=1, Exclude=ITEM_A)) == 7


@pytest.mark.parametrize(
    ("path", "switch"),
    [
        ("", "Directory"),  # Get-ChildItem.Tests.ps1:34
        ("*", "Directory"),  # :35
        ("", "File"),  # :36
        ("*", "File"),  # :37
        ("F*.txt", "File"),  # :38
    ],
)
def test_path_wildcards_with_recurse(ps: Session, tmp_path, path, switch) -> None:
    # Get-ChildItem.Tests.ps1:152-158
    root = tmp_path / "TestPS"
    ps("New-Item", str(root / "D1" / "File1.txt"), Force=True, ItemType="File")
    target = str(root / path) if path else str(root)
    assert len(ps("Get-ChildItem", Path=target, Recurse=True, **{switch: True})) == 1


def test_with_and_without_a_file_in_the_search_root(ps: Session, tmp_path) -> None:
    # Get-ChildItem.Tests.ps1:160-169
    root = tmp_path / "TestPS"
    ps("New-Item", str(root / "D1" / "File1.txt"), Force=True, ItemType="File")
    ps("New-Item", str(root / "File1.txt"), Force=True, ItemType="File")
    assert len(ps("Get-ChildItem", Path=str(root), File=True, Recurse=True)) == 2
    assert len(ps("Get-ChildItem", Path=str(root), Directory=True, Recurse=True)) == 1
    ps("Remove-Item", str(root / "File1.txt"), Force=True)
    assert len(ps("Get-ChildItem", Path=str(root), File=True, Recurse=True)) == 1


def test_filter_finds_extensionless_files(ps: Session, tmp_path) -> None:
    # Get-ChildItem.Tests.ps1:180-183
    ps("New-Item", Path=str(tmp_path / "noextension"), ItemType="File")
    assert [i.Name for i in ps("Get-ChildItem", File=True, LiteralPath=str(tmp_path), Filter="noext*")] == [
        "noextension"
    ]


def test_escaped_wildcards_in_path_and_include(ps: Session, tmp_path) -> None:
    # Get-ChildItem.Tests.ps1:192-211
    ps("New-Item", "a`[b]", ItemType="File")
    assert [i.Name for i in ps("Get-ChildItem", "*", Include="a```[b`]")] == ["a`[b]"]
    assert [i.Name for i in ps("Get-ChildItem", Path="a```[b`]")] == ["a`[b]"]


def test_a_globbed_path_lists_the_matches_not_their_children(ps: Session, tmp_path) -> None:
    # SessionStateContainer.GetChildItems: children only for a path without wildcards (or -Recurse);
    # Get-ChildItem's doc, example 5 (C:\\Test\\Logs\\* -Exclude A* lists the folder Backup itself)
    (tmp_path / "Logs" / "Backup").mkdir(parents=True)
    (tmp_path / "Logs" / "Adir").mkdir()
    for name in ("Backup/inside.txt", "LogFile1.txt", "Afile.txt"):
        (tmp_path / "Logs" / name).write_text("x")
    names = [item.Name for item in ps("Get-ChildItem", Path=str(tmp_path / "Logs" / "*"), Exclude="A*")]
    assert names == ["Backup", "LogFile1.txt"]
    assert [item.Name for item in ps("Get-ChildItem", Path=str(tmp_path / "L*"))] == ["Logs"]
    listed = ps("Get-ChildItem", Path=str(tmp_path / "Logs" / "*"), Name=True)
    assert listed == ["Adir", "Backup", "Afile.txt", "LogFile1.txt"]  # folders first
    recursed = [item.Name for item in ps("Get-ChildItem", Path=str(tmp_path / "Logs" / "*"), Recurse=True)]
    assert "inside.txt" in recursed


def test_brackets_in_directory_names(ps: Session, tmp_path) -> None:
    # Get-ChildItem.Tests.ps1:280-294
    ps("New-Item", Path=str(tmp_path), Name="Test[Dir]", ItemType="Directory")
    escaped = str(tmp_path / "Test`[Dir`]")
    ps("New-Item", Path=escaped, Name="file1.txt", ItemType="File")
    ps("New-Item", Path=escaped, Name="file2.txt", ItemType="File")
    assert len(ps("Get-ChildItem", Path=escaped)) == 2


def test_name_and_recursion_never_follow_links(ps: Session, tmp_path) -> None:
    # GCI -Name writes paths relative to the listed directory; symbolic links to directories are
    # not descended into without -FollowSymlink (FileSystemProvider.Dir).
    (tmp_path / "d" / "sub").mkdir(parents=True)
    (tmp_path / "d" / "sub" / "x.txt").write_text("")
    os.symlink(tmp_path / "d", tmp_path / "loop")
    assert ps("Get-ChildItem", Name=True, Recurse=True) == ["d", "loop", "d/sub", "d/sub/x.txt"]


def test_directory_listing_is_formatted_as_pwsh_formats_it(ps: Session, tmp_path) -> None:
    # FileSystem.format.ps1xml's childrenWithUnixStat view: one table per directory, headed by it
    (tmp_path / "d").mkdir()
    (tmp_path / "a.txt").write_text("12345")
    stamp = dt.datetime(2024, 3, 9, 8, 5).timestamp()
    for name in ("d", "a.txt"):
        os.utime(tmp_path / name, (stamp, stamp))
    lines = format_output(ps("Get-ChildItem"), 120).splitlines()
    assert lines[:4] == ["", f"    Directory: {tmp_path}", "", lines[3]]
    assert lines[3].split() == ["UnixMode", "User", "Group", "LastWriteTime", "Size", "Name"]
    rows = [line.split() for line in lines[5:7]]
    assert rows[0][0].startswith("d") and rows[0][3:5] == ["3/9/2024", "08:05"] and rows[0][-1] == "d"
    assert rows[1][0] == "-rw-r--r--"[:1] + rows[1][0][1:] and rows[1][-2:] == ["5", "a.txt"]


def test_children_and_children_with_hardlink_views(ps: Session, tmp_path) -> None:
    # FileSystem_format_ps1xml.cs: "children" (ModeWithoutHardLink) and "childrenWithHardlink" (Mode), with
    # FileSystemProvider's LastWriteTimeString ({0,10:d} {0,8:t}), LengthString and NameString; the view
    # name is matched regardless of case (Get-ChildItem's and Get-Item's doc, "childrenWithHardLink").
    (tmp_path / "d").mkdir()
    (tmp_path / "a.txt").write_text("12345")
    os.link(tmp_path / "a.txt", tmp_path / "h.txt")
    os.symlink("a.txt", tmp_path / "s.txt")
    stamp = dt.datetime(2024, 3, 9, 14, 5).timestamp()
    for name in ("d", "a.txt"):
        os.utime(tmp_path / name, (stamp, stamp))
    table = ps.pipeline(("Get-ChildItem",), ("Format-Table", {"View": "children"}))
    lines = format_output(table, 120).splitlines()
    assert lines[1] == f"    Directory: {tmp_path}"  # Format-Table keeps the view's grouping (-GroupBy replaces it)
    header = next(i for i, line in enumerate(lines) if line.startswith("Mode"))
    assert lines[header] == "Mode                 LastWriteTime         Length Name"
    rows = {line.split()[-1] if "->" not in line else line.split()[-3]: line for line in lines[header + 2 :] if line}
    assert rows["d"] == "d----            3/9/2024  2:05 PM                d"
    assert rows["a.txt"] == "-----            3/9/2024  2:05 PM              5 a.txt"
    assert rows["s.txt"].startswith("l----") and rows["s.txt"].endswith("s.txt -> a.txt")
    table = ps.pipeline(("Get-ChildItem",), ("Format-Table", {"View": "childrenWithHardLink"}))
    hard = [line for line in format_output(table, 120).splitlines() if line.endswith(" h.txt")]
    assert hard and hard[0].startswith("l----")  # a hard link counts as a link in Mode
    # the default (childrenWithUnixStat) names a link's target too: its Name column is NameString
    assert any(line.endswith(" s.txt -> a.txt") for line in format_output(ps("Get-ChildItem"), 120).splitlines())


# -- New-Item.Tests.ps1 ---------------------------------------------------------------------------


def test_new_item_file_and_directory(ps: Session, tmp_path) -> None:
    # New-Item.Tests.ps1:51-104
    (file,) = ps("New-Item", Name="testfile.txt", Path=str(tmp_path), ItemType="file")
    assert file.Target is None and file.LinkType is None
    ps("New-Item", Name="newDirectory", Path=str(tmp_path), ItemType="directory")
    assert (tmp_path / "newDirectory").is_dir()
    ps("New-Item", Name="typed.txt", Path=str(tmp_path), Type="file")
    assert (tmp_path / "typed.txt").is_file()
    ps("New-Item", Name="value.txt", Path=str(tmp_path), ItemType="file", Value="This is test string")
    assert ps("Get-Content", str(tmp_path / "value.txt")) == ["This is test string"]
    assert (tmp_path / "value.txt").read_bytes() == b"This is test string"
    ps("New-Item", Path=str(tmp_path), ItemType="file", ErrorAction="SilentlyContinue")
    assert not (tmp_path / "testfile2.txt").exists()
    ps("New-Item", Path=[str(tmp_path / "m1.txt"), str(tmp_path / "m2.txt")], ItemType="file")
    assert (tmp_path / "m1.txt").is_file() and (tmp_path / "m2.txt").is_file()


def test_new_item_what_if_and_hard_link(ps: Session, tmp_path) -> None:
    # New-Item.Tests.ps1:116-136
    ps("New-Item", Name="w.txt", Path=str(tmp_path), ItemType="file", WhatIf=True)
    assert not (tmp_path / "w.txt").exists()
    ps("New-Item", Name="testfile.txt", Path=str(tmp_path), ItemType="file")
    ps("New-Item", ItemType="HardLink", Target=str(tmp_path / "testfile.txt"), Name="testlink", Path=str(tmp_path))
    (link,) = ps("Get-ChildItem", str(tmp_path / "testlink"))
    assert link.Target is None and link.LinkType == "HardLink"


def test_new_item_symbolic_links(ps: Session, tmp_path) -> None:
    # New-Item.Tests.ps1:216-251
    ps("New-Item", Name="testfile.txt", Path=str(tmp_path), ItemType="file")
    ps("New-Item", ItemType="SymbolicLink", Target=str(tmp_path / "testfile.txt"), Name="testlink", Path=str(tmp_path))
    (link,) = ps("Get-ChildItem", str(tmp_path / "testlink"))
    assert link.Target == str(tmp_path / "testfile.txt") and link.LinkType == "SymbolicLink"
    assert "ReparsePoint" in link.Attributes and "Directory" not in link.Attributes
    bogus = str(tmp_path / "totallyBogusFile")
    ps("New-Item", ItemType="SymbolicLink", Target=bogus, Name="bogus", Path=str(tmp_path))
    assert ps("Test-Path", str(tmp_path / "bogus")) == [True]
    assert ps("Test-Path", bogus) == [False]


def test_new_item_symbolic_link_needs_a_target(ps: Session, tmp_path) -> None:
    # New-Item.Tests.ps1:189-194
    assert error_ids(lambda: ps("New-Item", Name="testfile.txt", Path=str(tmp_path), ItemType="SymbolicLink")) == [
        "ArgumentNull,Microsoft.PowerShell.Commands.NewItemCommand"
    ]


def test_new_item_existing_items(tmp_path) -> None:
    # FileSystemProvider.NewItem: FileMode.CreateNew without -Force; a directory exists unless -Force
    (tmp_path / "f.txt").write_text("old")
    (tmp_path / "d").mkdir()
    assert error_ids(lambda: psbridge.invoke("New-Item", str(tmp_path / "f.txt"))) == [
        "NewItemIOError,Microsoft.PowerShell.Commands.NewItemCommand"
    ]
    assert error_ids(lambda: psbridge.invoke("New-Item", str(tmp_path / "d"), ItemType="Directory")) == [
        "DirectoryExist,Microsoft.PowerShell.Commands.NewItemCommand"
    ]
    psbridge.invoke("New-Item", str(tmp_path / "f.txt"), Force=True, Value="new")
    assert (tmp_path / "f.txt").read_text() == "new"
    assert psbridge.invoke("New-Item", str(tmp_path / "d"), ItemType="Directory", Force=True)[0].Name == "d"
    assert error_ids(lambda: psbridge.invoke("New-Item", str(tmp_path / "x" / "y.txt"))) == [
        "NewItemIOError,Microsoft.PowerShell.Commands.NewItemCommand"
    ]
    psbridge.invoke("New-Item", str(tmp_path / "x" / "y.txt"), Force=True)
    assert (tmp_path / "x" / "y.txt").is_file()


def test_new_item_type_is_matched_as_a_prefix(ps: Session, tmp_path) -> None:
    # FileSystemProvider.GetItemType matches "<type>*": "dir" and "container" are directories, "f" a file
    ps("New-Item", str(tmp_path / "a"), ItemType="dir")
    ps("New-Item", str(tmp_path / "b"), ItemType="Container")
    ps("New-Item", str(tmp_path / "c.txt"), ItemType="f")
    assert (tmp_path / "a").is_dir() and (tmp_path / "b").is_dir() and (tmp_path / "c.txt").is_file()
    assert error_ids(lambda: ps("New-Item", str(tmp_path / "d"), ItemType="Registry")) == [
        "Argument,Microsoft.PowerShell.Commands.NewItemCommand"
    ]


def test_new_item_junction_is_checked_then_not_made_on_linux(ps: Session, tmp_path) -> None:
    # FileSystemProvider.NewItem's junction branch; CreateJunction is `return false` under #if UNIX
    (tmp_path / "target").mkdir()
    (tmp_path / "file.txt").write_text("x")
    assert ps("New-Item", str(tmp_path / "j"), ItemType="Junction", Value=str(tmp_path / "target")) == []
    assert not (tmp_path / "j").exists() and not ps.errors
    cases = {
        "relative": "NotAbsolutePath",  # a junction's target must be absolute ($Env:TEMP is unset on Linux)
        str(tmp_path / "missing"): "ItemNotFound",
        str(tmp_path / "file.txt"): "ItemNotDirectory",
    }
    for value, error_id in cases.items():
        ps.errors.clear()
        ps("New-Item", str(tmp_path / "j"), ItemType="Junction", Value=value)
        expected = f"{error_id},Microsoft.PowerShell.Commands.NewItemCommand"
        assert [r.fully_qualified_error_id for r in ps.errors] == [expected]


# -- Remove-Item.Tests.ps1 ------------------------------------------------------------------------


def test_remove_files(ps: Session, tmp_path) -> None:
    # Remove-Item.Tests.ps1:11-51
    path = str(tmp_path / "testfile.txt")
    ps("New-Item", Name="testfile.txt", Path=str(tmp_path), ItemType="file", Value="lorem ipsum", Force=True)
    ps("Remove-Item", Path=path)
    assert ps("Test-Path", path) == [False]


def test_remove_with_include_and_exclude(ps: Session, tmp_path) -> None:
    # Remove-Item.Tests.ps1:70-113
    for name in ("testfile.txt", "file1.txt", "file2.txt", "file3.txt"):
        ps("New-Item", Name=name, Path=str(tmp_path), ItemType="file", Value="lorem ipsum")
    ps("Remove-Item", str(tmp_path / "*"), Include="file*.txt")
    assert sorted(os.listdir(tmp_path)) == ["testfile.txt"]
    for name in ("file1.wav", "file2.wav", "file1.txt"):
        ps("New-Item", Name=name, Path=str(tmp_path), ItemType="file", Value="lorem ipsum")
    ps("Remove-Item", str(tmp_path / "file*"), Exclude="*.wav", Include="*.txt")
    assert sorted(os.listdir(tmp_path)) == ["file1.wav", "file2.wav", "testfile.txt"]


def test_remove_directories(ps: Session, tmp_path) -> None:
    # Remove-Item.Tests.ps1:116-160
    directory = tmp_path / "testdir"
    ps("New-Item", Name="testdir", Path=str(tmp_path), ItemType="directory", Force=True)
    ps("Remove-Item", str(directory), ErrorAction="Stop")
    assert not directory.exists()
    for spelling in (str(directory), str(directory) + "/"):
        ps(
            "New-Item",
            Name="testfile.txt",
            Path=str(directory / "subd"),
            ItemType="file",
            Value="lorem ipsum",
            Force=True,
        )
        ps("Remove-Item", spelling, Recurse=True, ErrorAction="Stop")
        assert not directory.exists()


def test_non_empty_directory_without_recurse_and_without_a_host(tmp_path) -> None:
    # RemoveItemCommand: ShouldContinue; a host that cannot prompt makes it HostException, nothing removed
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "f").write_text("")
    with pytest.raises(psbridge.PSError) as caught:
        psbridge.invoke("Remove-Item", str(tmp_path / "d"))
    record = caught.value.error_record
    assert (
        record.fully_qualified_error_id == "HostFunctionNotImplemented,Microsoft.PowerShell.Commands.RemoveItemCommand"
    )
    assert f"The item at {tmp_path / 'd'} has children and the Recurse parameter was not specified." in str(
        record.exception
    )
    assert (tmp_path / "d" / "f").exists()


@pytest.mark.parametrize(("answer", "removed"), [("n\n", False), ("\n", True), ("y\n", True), ("", False)])
def test_non_empty_directory_asks_a_console_host(tmp_path, answer, removed) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "f").write_text("")
    session = Session(stdin=answer)
    session("Remove-Item", str(tmp_path / "d"))
    assert "has children and the Recurse parameter was not specified" in session.host_text
    assert (tmp_path / "d").exists() is not removed


def test_remove_never_goes_beyond_the_paths_given(ps: Session, tmp_path) -> None:
    # A link is removed as a link; recursion does not follow one; the location (or a parent) is in use.
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "keep.txt").write_text("keep")
    inside = tmp_path / "victim"
    inside.mkdir()
    os.symlink(outside, inside / "link")
    ps("Remove-Item", str(inside), Recurse=True, Force=True)
    assert not inside.exists() and (outside / "keep.txt").read_text() == "keep"
    ps("Set-Location", str(outside))
    assert error_ids(lambda: _invoke_in(ps, "Remove-Item", str(tmp_path), Recurse=True, Force=True)) == [
        "RemoveItemInUse,Microsoft.PowerShell.Commands.RemoveItemCommand"
    ]
    assert (outside / "keep.txt").exists()


def _invoke_in(session: Session, command: str, *args, **params):
    """Run in the session and raise PipelineError for written errors, as psbridge.invoke does."""
    before = len(session.errors)
    output = session(command, *args, **params)
    written = session.errors[before:]
    if written:
        raise psbridge.PipelineError(written, output)
    return output


def test_hidden_items_need_force_even_inside_a_directory(ps: Session, tmp_path) -> None:
    # FileSystemProvider.RemoveFileSystemItem refuses hidden items without -Force; the directory stays
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / ".secret").write_text("")
    (tmp_path / "d" / "plain").write_text("")
    ids = error_ids(lambda: _invoke_in(ps, "Remove-Item", str(tmp_path / "d"), Recurse=True))
    assert ids == [
        "RemoveFileSystemItemUnAuthorizedAccess,Microsoft.PowerShell.Commands.RemoveItemCommand",
        "DirectoryNotEmpty,Microsoft.PowerShell.Commands.RemoveItemCommand",
    ]
    assert os.listdir(tmp_path / "d") == [".secret"]


def test_remove_missing_path(tmp_path) -> None:
    assert error_ids(lambda: psbridge.invoke("Remove-Item", str(tmp_path / "nope"))) == [
        "PathNotFound,Microsoft.PowerShell.Commands.RemoveItemCommand"
    ]


# -- Copy-Item / Move-Item ------------------------------------------------------------------------


def test_copy_item_files_and_directories(ps: Session, tmp_path) -> None:
    # Copy-Item.Tests.ps1's local cases (the remote ones need PSSessions): a file, a tree with -Recurse
    source = tmp_path / "SourceDirectory"
    for name in ("A/a.txt", "A/a2.txt", "rootFile.txt", "B/b.txt", "C/D/d.txt"):
        ps("New-Item", str(source / name), Force=True, Value=name)
    (copied,) = ps("Copy-Item", str(source / "rootFile.txt"), str(tmp_path / "copy.txt"), PassThru=True)
    assert copied.Name == "copy.txt" and (tmp_path / "copy.txt").read_text() == "rootFile.txt"
    original, new = ps("Get-Item", str(source / "rootFile.txt"))[0], ps("Get-Item", str(tmp_path / "copy.txt"))[0]
    assert new.LastWriteTime == original.LastWriteTime and new.Length == original.Length
    ps("Copy-Item", str(source), str(tmp_path / "DestinationDirectory"), Recurse=True)
    assert ps("Get-ChildItem", str(tmp_path / "DestinationDirectory"), Recurse=True, Name=True) == [
        "A", "B", "C", "rootFile.txt", "A/a.txt", "A/a2.txt", "B/b.txt", "C/D", "C/D/d.txt",
    ]  # fmt: skip
    ps("Copy-Item", str(source), str(tmp_path / "DestinationDirectory"), Recurse=True, Force=True)
    assert (tmp_path / "DestinationDirectory" / "SourceDirectory" / "C" / "D" / "d.txt").exists()
    ps("Copy-Item", str(source), str(tmp_path / "Empty"))
    assert os.listdir(tmp_path / "Empty") == []


def test_copy_item_errors(tmp_path) -> None:
    (tmp_path / "f.txt").write_text("x")
    (tmp_path / "d").mkdir()
    assert error_ids(lambda: psbridge.invoke("Copy-Item", str(tmp_path / "f.txt"), str(tmp_path / "f.txt"))) == [
        "CopyError,Microsoft.PowerShell.Commands.CopyItemCommand"
    ]
    assert error_ids(
        lambda: psbridge.invoke("Copy-Item", str(tmp_path / "d"), str(tmp_path / "d" / "in"), Recurse=True)
    ) == ["CopyError,Microsoft.PowerShell.Commands.CopyItemCommand"]
    assert not (tmp_path / "d" / "in").exists()
    assert error_ids(lambda: psbridge.invoke("Copy-Item", str(tmp_path / "nope"), str(tmp_path / "x"))) == [
        "PathNotFound,Microsoft.PowerShell.Commands.CopyItemCommand"
    ]


def test_move_item(ps: Session, tmp_path) -> None:
    # Move-Item.Tests.ps1:3-25
    (tmp_path / "originalfile.txt").write_text("This is content")
    (tmp_path / "[orig-file].txt").write_text("This is not content")
    ps("Move-Item", str(tmp_path / "originalfile.txt"), str(tmp_path / "ItemWhichHasBeenMoved.txt"))
    assert not (tmp_path / "originalfile.txt").exists()
    assert (tmp_path / "ItemWhichHasBeenMoved.txt").read_text() == "This is content"
    ps("Move-Item", str(tmp_path / "`[orig-file`].txt"), str(tmp_path / "ItemWhichHasBeen[Moved].txt"))
    assert ps("Test-Path", str(tmp_path / "ItemWhichHasBeen`[Moved`].txt")) == [True]
    assert (tmp_path / "ItemWhichHasBeen[Moved].txt").read_text() == "This is not content"


@pytest.mark.parametrize(
    ("params", "moved", "to_rename"),
    [
        ({"Include": "bar*"}, "bar", False),  # Move-Item.Tests.ps1:57-65
        ({"Exclude": "b*"}, "foo", False),  # :66-74
        ({"Filter": "bo*"}, "boo", False),  # :75-83
        ({"Include": "bar*"}, "bar", True),  # :85-93
        ({"Exclude": "b*"}, "foo", True),  # :94-102
        ({"Filter": "bo*"}, "boo", True),  # :103-111
    ],
)
def test_move_item_with_filters(tmp_path, params, moved, to_rename) -> None:
    filter_path, move_to = tmp_path / "filterTests", tmp_path / "dest-dir"
    filter_path.mkdir()
    move_to.mkdir()
    for name in ("foo", "bar", "boo"):
        (filter_path / f"{name}.txt").write_text(f"{name} content")
    destination = filter_path / "move.txt" if to_rename else move_to
    psbridge.invoke("Move-Item", Path=str(filter_path / "*"), Destination=str(destination), **params)
    landed = filter_path / "move.txt" if to_rename else move_to / f"{moved}.txt"
    assert landed.read_text() == f"{moved} content"
    assert not (filter_path / f"{moved}.txt").exists()
    others = {"foo", "bar", "boo"} - {moved}
    assert all((filter_path / f"{name}.txt").exists() for name in others)


def test_move_item_existing_destination_needs_force(tmp_path) -> None:
    (tmp_path / "a").write_text("a")
    (tmp_path / "b").write_text("b")
    assert error_ids(lambda: psbridge.invoke("Move-Item", str(tmp_path / "a"), str(tmp_path / "b"))) == [
        "MoveFileInfoItemIOError,Microsoft.PowerShell.Commands.MoveItemCommand"
    ]
    psbridge.invoke("Move-Item", str(tmp_path / "a"), str(tmp_path / "b"), Force=True)
    assert (tmp_path / "b").read_text() == "a" and not (tmp_path / "a").exists()


def test_console_host_prompt_text(tmp_path) -> None:
    # The confirmation pwsh's console shows for ShouldContinue
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "f").write_text("")
    console = io.StringIO()
    session = Session()
    session.runspace.host = ConsoleHost(console, io.StringIO("l\n"))
    session("Remove-Item", str(tmp_path / "d"))
    assert console.getvalue() == (
        f"\nConfirm\nThe item at {tmp_path / 'd'} has children and the Recurse parameter was not specified. If you "
        "continue, all children will be removed with the item. Are you sure you want to continue?\n"
        '[Y] Yes  [A] Yes to All  [N] No  [L] No to All  [S] Suspend  [?] Help (default is "Y"): '
        "l\n"  # the answer read from redirected input, echoed as pwsh's ReadLineFromFile echoes it
    )


def test_attributes_expression_and_system(ps: Session, tmp_path) -> None:
    # Get-ChildItem.md -Attributes: ! not, + and, , or; .NET on Unix has no System attribute
    (tmp_path / "d").mkdir()
    (tmp_path / ".hd").mkdir()
    (tmp_path / "f").write_text("")

    def names(**params):
        return ps("Get-ChildItem", Name=True, Force=True, **params)

    assert names(Attributes="Directory") == [".hd", "d"]
    assert names(Attributes="Directory+!Hidden") == ["d"]
    assert names(Attributes="Hidden,Normal") == [".hd", "f"]
    assert names(System=True) == []


def test_copy_without_containers_flattens(ps: Session, tmp_path) -> None:
    # Copy-Item.md -Container: $false copies the files without their directories
    ps("New-Item", str(tmp_path / "src" / "a" / "x.txt"), Force=True)
    ps("New-Item", str(tmp_path / "src" / "y.txt"), Force=True)
    ps("Copy-Item", str(tmp_path / "src"), str(tmp_path / "flat"), Recurse=True, Container=False)
    assert sorted(os.listdir(tmp_path / "flat")) == ["x.txt", "y.txt"]


@pytest.mark.parametrize("command", ["Get-Item", "Remove-Item", "New-Item", "Copy-Item", "Move-Item"])
def test_credentials_are_not_supported_by_the_file_system(tmp_path, command) -> None:
    # CmdletProviderContext: the FileSystem provider takes credentials only on New-PSDrive
    (tmp_path / "f").write_text("keep")
    credential = PSObject(
        {"UserName": "u", "Password": SecureString("p")}, type_names=["System.Management.Automation.PSCredential"]
    )
    args = [str(tmp_path / "f")] + ([str(tmp_path / "g")] if command in ("Copy-Item", "Move-Item") else [])
    with pytest.raises(psbridge.PipelineError) as caught:
        psbridge.invoke(command, *args, Credential=credential)
    qualifier = f"Microsoft.PowerShell.Commands.{command.replace('-', '')}Command"
    assert [r.fully_qualified_error_id for r in caught.value.errors] == [f"NotSupported,{qualifier}"]
    assert (tmp_path / "f").read_text() == "keep" and not (tmp_path / "g").exists()
