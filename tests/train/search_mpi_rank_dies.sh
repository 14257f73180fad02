#!/usr/bin/env bash
# A rank dying stops an MPI search with a message, and --resume then finishes
# it with the same best.json as an uninterrupted run. Usage: FOGNAS_BINARY.
# The search runs on three ranks and holds after generation 1's checkpoint
# (the test-only FOGNAS_TEST_HOLD, so the job cannot finish before the kill
# however fast it runs); rank 1 (a child of mpirun, found by the rank Open MPI
# gives it in its environment) is killed, then the search is released. Open
# MPI then ends the job: mpirun exits non-zero and says which rank died. Exit 77: mpirun or pgrep is not installed (the test is
# skipped).
set -u
fognas=$1
command -v mpirun >/dev/null 2>&1 || exit 77
command -v pgrep >/dev/null 2>&1 || exit 77
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
watchdog=
fail() {
  echo "FAIL: $*"
  for f in "$dir"/*.err; do echo "--- $f"; cat "$f"; done
  [ -z "$watchdog" ] || pkill -KILL -P "$watchdog"  # a job still running: its mpirun
  exit 1
}

cat >"$dir/s.yaml" <<'YAML'
name: rank-dies
seed: 3
data: {dataset: synthetic-eeg, examples_per_class: 40}
search: {population: 6, generations: 4, genes: 4, mutation_rate: 0.5}
training: {epochs: 12, batch_size: 8}
limits: {energy_mj: 100}
energy: {scenario: edge}
factors: [10]
YAML

"$fognas" search "$dir/s.yaml" --jobs 2 --out "$dir/whole" >/dev/null 2>"$dir/whole.err" || fail "the uninterrupted run failed"

export OMPI_MCA_btl_vader_single_copy_mechanism=none
mpi=(mpirun --allow-run-as-root --oversubscribe -n 3 "$fognas" search "$dir/s.yaml" --out "$dir/mpi")
hold=$dir/hold
mkdir "$hold"
# A watchdog, so a job that fails to stop fails the test instead of hanging it.
started=$SECONDS
FOGNAS_TEST_HOLD=search-checkpoint FOGNAS_TEST_HOLD_DIR=$hold \
  timeout -s KILL 60 "${mpi[@]}" >/dev/null 2>"$dir/killed.err" &
watchdog=$!
for _ in $(seq 1500); do
  [ -e "$hold/held" ] && break
  sleep 0.02
done
[ -e "$hold/held" ] || fail "the search did not reach its first checkpoint in 30 s"
[ -e "$dir/mpi.partial/checkpoint.json" ] || fail "held, but no checkpoint"
launcher=$(pgrep -P "$watchdog" -x mpirun)
killed=
for pid in $(pgrep -P "$launcher"); do
  if tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -qx OMPI_COMM_WORLD_RANK=1; then
    kill -KILL "$pid" && killed=$pid
  fi
done
[ -n "$killed" ] || fail "rank 1 not found among mpirun's children"
touch "$hold/release"
wait "$watchdog"
status=$?
((SECONDS - started < 55)) || fail "the job did not stop after rank 1 died (the watchdog ended it)"
[ "$status" -ne 0 ] || fail "the job went on after rank 1 died"
grep -q "rank 1 .*exited on signal 9" "$dir/killed.err" || fail "no message naming the rank that died (exit $status)"
[ ! -e "$dir/mpi/best.json" ] || fail "the stopped run wrote a result"

"${mpi[@]}" --resume >/dev/null 2>"$dir/resumed.err" || fail "--resume failed"
grep -q "resumed after generation" "$dir/resumed.err" || fail "--resume started again from the beginning"
cmp -s "$dir/mpi/best.json" "$dir/whole/best.json" || fail "best.json differs from the uninterrupted run's"
cmp -s "$dir/mpi/candidates.jsonl" "$dir/whole/candidates.jsonl" || fail "candidates.jsonl differs"
echo "rank 1 killed, job stopped with exit $status; the resumed run equals the uninterrupted one"
