# shellcheck shell=bash
# Runs independent tasks a few at a time, each with its output in its own log, and hands the results back in
# the order the tasks were queued (not the order they finish): the runner's output stays grouped and in the
# same order as a serial run, and it is printed as soon as a task and all tasks before it are done.
#   par_init DIR                    logs and exit codes go below DIR (the caller removes it)
#   par_add NAME CMD [ARGS...]      queue a task (CMD runs in a subshell, stdin from /dev/null)
#   par_first PATTERN...            start the queued tasks these name (glob) before the others (long ones first:
#                                   better packing)
#   par_run JOBS CALLBACK           run everything, at most JOBS at a time; then, in queue order, calls
#                                   CALLBACK NAME LOG RC SECONDS in the calling shell (it may update counters)
# JOBS=1 runs the tasks one after the other, exactly as a plain loop would.
par_dir='' par_names=() par_cmds=() par_order=()

par_init() { par_dir=$1; mkdir -p "$par_dir"; par_names=() par_cmds=() par_order=(); }

par_add() {
  local name=$1; shift
  par_names+=("$name")
  par_cmds+=("$(printf '%q ' "$@")")
}

par_first() {
  local want i
  for want in "$@"; do
    # shellcheck disable=SC2053  # a pattern: "pgtap:x*" names every part of x
    for i in "${!par_names[@]}"; do [[ "${par_names[$i]}" == $want ]] && par_order+=("$i"); done
  done
}

# _par_start I: runs task I in the background; its exit code and duration land in I.rc once it has finished.
_par_start() {
  local i=$1
  (
    t0=$EPOCHREALTIME
    (eval "${par_cmds[$i]}") >"$par_dir/$i.log" 2>&1 </dev/null
    rc=$?
    printf '%s %s\n' "$rc" "$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')" >"$par_dir/$i.rc.tmp"
    mv "$par_dir/$i.rc.tmp" "$par_dir/$i.rc"
  ) &
  par_pids+=($!)
}

# _par_kill_tree PID: stops a task and everything it started (a cluster's own EXIT trap still stops the cluster)
_par_kill_tree() {
  local child
  for child in $(pgrep -P "$1"); do _par_kill_tree "$child"; done
  kill -TERM "$1" 2>/dev/null
}

par_run() {
  local jobs=$1 callback=$2 n=${#par_names[@]} i k started=0 finished=0 reported=0 rc secs
  local -a order=() seen=()
  par_pids=()
  ((jobs >= 1)) || jobs=1
  # start order: par_first's tasks, then the rest in queue order
  for i in "${par_order[@]}"; do [[ -n "${seen[$i]:-}" ]] || { order+=("$i"); seen[i]=1; }; done
  for ((i = 0; i < n; i++)); do [[ -n "${seen[$i]:-}" ]] || order+=("$i"); done
  trap 'for k in "${par_pids[@]}"; do _par_kill_tree "$k"; done; exit 130' INT TERM
  while ((reported < n)); do
    while ((started - finished < jobs && started < n)); do
      _par_start "${order[started]}"
      started=$((started + 1))
    done
    # hand back, in queue order, every task whose predecessors are all done
    while ((reported < n)) && [[ -f "$par_dir/$reported.rc" ]]; do
      read -r rc secs <"$par_dir/$reported.rc"
      "$callback" "${par_names[reported]}" "$par_dir/$reported.log" "$rc" "$secs"
      reported=$((reported + 1))
    done
    ((reported < n)) || break
    sleep 0.2
    finished=0
    for ((k = 0; k < started; k++)); do [[ -f "$par_dir/${order[k]}.rc" ]] && finished=$((finished + 1)); done
  done
  wait
  trap - INT TERM
}
