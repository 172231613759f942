#!/usr/bin/env bash
# mptcp-lab(8) matches --help: every option each verb's usage line names
# is in the page's synopsis and explained in it, and the page renders
# without markup slips (words run together after a closing parenthesis,
# as `.BR X ) word word` gives). No file of the repository refers to a
# Markdown document that is not in it. Needs no root.
. "$(dirname "$0")/lib.sh"
command -v man >/dev/null || skip "no man"
[ -x "$LAB" ] || skip "no $LAB (build first)"

# Every Markdown file a text file mentions by name exists in the repository (a path
# as given, or a file of that name somewhere in it).
files=$(cd "$TOP" && { git ls-files 2>/dev/null || find . -type f -not -path './build*' -not -path './.git/*'; })
known=$(cd "$TOP" && grep -E '\.md$' <<<"$files" | sed 's|^\./||')
missing=""
for ref in $(cd "$TOP" && grep -IohE '[A-Za-z0-9_./-]*[A-Za-z0-9_-]+\.md\b' $files 2>/dev/null | sort -u); do
	r=${ref#./}
	grep -qxF "$r" <<<"$known" && continue
	grep -qE "(^|/)${r##*/}\$" <<<"$known" && [[ $r != /* ]] && continue
	missing="$missing $ref"
done
check "no reference to a document outside the repository:$missing" test -z "$missing"
page=$(MANWIDTH=200 man -l "$TOP/man/mptcp-lab.8" 2>/dev/null)
check "the page renders" test -n "$page"
synopsis=$(sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' <<<"$page")
for v in $("$LAB" --help | awk '$1 == "mptcp-lab" && $2 !~ /^\[/ {print $2}' | sort -u); do
	line=$("$LAB" "$v" --help | head -1)
	check "$v is in the synopsis" grep -q "mptcp-lab $v" <<<"$synopsis"
	for opt in $(grep -oE -- '--[a-z][a-z-]*' <<<"$line" | sort -u); do
		check "$v $opt: in the synopsis" grep -q -- "mptcp-lab $v .*$opt" <<<"$synopsis"
		check "$v $opt: explained" grep -qE -- "^ {7}(-[a-z], )?$opt( |,|$)" <<<"$page"
	done
done
check "--state-dir explained" grep -qE -- '^ {7}--state-dir' <<<"$page"
slips=$(grep -nE '[a-z)]\)[a-z]{2,}' <<<"$page")
check "no words run together after ')': $slips" test -z "$slips"
finish
