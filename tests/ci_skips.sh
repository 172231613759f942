# ci_skips.sh: sourced by the test runners. In CI (CI=true) a skipped
# test fails unless tests/ci-skip-allowed lists it with a reason, so a
# runner that lacks root, a tool or a kernel feature cannot pass by
# skipping everything.
CI_SKIP_ALLOWED=${CI_SKIP_ALLOWED:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/ci-skip-allowed}

# The allow-list's reason for NAME, empty if it is not listed.
ci_skip_reason() {
	[ -r "$CI_SKIP_ALLOWED" ] || return 0
	awk -v n="$1" '$1 == n { sub(/^[^ \t]+[ \t]+/, ""); print; exit }' "$CI_SKIP_ALLOWED"
}

# ci_skip_ok NAME: 0 if a skip of NAME counts as a skip (not in CI, or
# allowed, the reason printed), 1 if it is a failure (the reason why).
ci_skip_ok() {
	local reason
	[ "${CI:-}" = true ] || return 0
	reason=$(ci_skip_reason "$1")
	if [ -n "$reason" ]; then
		echo "     $1: allowed to skip in CI: $reason"
		return 0
	fi
	echo "     $1: skipped in CI (CI=true) and not in $(basename "$CI_SKIP_ALLOWED"): a skip is a failure here"
	return 1
}
