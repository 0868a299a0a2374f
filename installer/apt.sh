# Debian packages for HubDesk's scripts (dev, installer/build-*.sh): sourced, not run.
#
# apt_update [PREFIX...]: apt-get update (through PREFIX, e.g. a sudo wrapper), tried three
# times: a mirror caught in the middle of a sync serves a package list of the wrong size for a
# while ("File has unexpected size ... Mirror sync in progress?"), and a list that cannot be
# fetched (i386's, once build-windows.sh added that architecture) made every later
# `apt-get update && apt-get install` give up, the PostgreSQL server's for the tests too. Never
# fails: apt-get install then works from the lists at hand and names what it cannot find.
#
# APT_WAIT: options that make apt-get wait for another apt-get to finish instead of failing at
# once on its lock ("Could not get lock /var/lib/dpkg/lock-frontend"): the test suite's workers
# install what their tests need side by side (Xvfb on one, Wine on the other).
APT_WAIT=(-o DPkg::Lock::Timeout=900)

apt_update() {
  local try
  for try in 1 2 3; do
    "$@" apt-get "${APT_WAIT[@]}" update -qq >/dev/null 2>&1 && return 0
    [ "$try" = 3 ] || sleep 10
  done
  printf 'apt-get update failed three times; installing from the package lists at hand\n' >&2
}
