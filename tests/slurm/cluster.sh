#!/usr/bin/env bash
# A real single-node SLURM cluster on localhost, for testing the workflow's SLURM profile.
#
#   tests/slurm/cluster.sh start   # install slurm-wlm + munge if needed, configure, start daemons
#   tests/slurm/cluster.sh stop    # stop the daemons this script started (by PID), restore config
#
# Needs root (apt-get, /etc/slurm). Everything it starts lives under $ZIL_SLURM_STATE
# (default /tmp/zil-slurm). Choices, each for a pitfall seen with the Snakemake SLURM plugin:
# - the config is /etc/slurm/slurm.conf, the compiled-in default, because the plugin's job
#   step drops SLURM_CONF from the job's environment;
# - no accounting daemon: MinJobAge=600 keeps finished jobs visible to squeue/scontrol, and
#   the workflow is run with --slurm-status-command squeue;
# - the machine's host name is not "localhost", so slurmd starts with -N localhost.
set -euo pipefail

STATE=${ZIL_SLURM_STATE:-/tmp/zil-slurm}
CONF=/etc/slurm/slurm.conf
BACKUP=$STATE/slurm.conf.before

log() { echo "[cluster.sh] $*" >&2; }

install() {
  if command -v slurmctld >/dev/null && command -v slurmd >/dev/null && command -v munged >/dev/null \
     && command -v sbatch >/dev/null; then
    return
  fi
  log "installing slurm-wlm and munge with apt"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq slurm-wlm munge >/dev/null
}

write_config() {
  local cpus mem_mb
  cpus=$(nproc)
  mem_mb=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 1024 - 2048 ))
  mkdir -p "$STATE"/{spool,state,log,run} /etc/slurm
  if [[ -f $CONF && ! -f $BACKUP ]] && ! grep -q "zil test cluster" "$CONF"; then
    cp "$CONF" "$BACKUP"
  fi
  cat >"$CONF" <<EOF
# zil test cluster: written by tests/slurm/cluster.sh, removed by its "stop"
ClusterName=zil
SlurmctldHost=localhost
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
SchedulerType=sched/backfill
MpiDefault=none
ReturnToService=2
MinJobAge=600
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
StateSaveLocation=$STATE/state
SlurmdSpoolDir=$STATE/spool
SlurmctldPidFile=$STATE/run/slurmctld.pid
SlurmdPidFile=$STATE/run/slurmd.pid
SlurmctldLogFile=$STATE/log/slurmctld.log
SlurmdLogFile=$STATE/log/slurmd.log
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem_mb State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF
}

start_munge() {
  mkdir -p /run/munge /var/log/munge /var/lib/munge
  chown munge:munge /run/munge /var/log/munge /var/lib/munge /etc/munge
  if [[ ! -s /etc/munge/munge.key ]]; then
    dd if=/dev/urandom of=/etc/munge/munge.key bs=1 count=1024 status=none
  fi
  chown munge:munge /etc/munge/munge.key && chmod 400 /etc/munge/munge.key
  if ! munge -n >/dev/null 2>&1; then
    # munged runs as munge, so its PID file must live where munge may write
    runuser -u munge -- munged --pid-file=/run/munge/munged.pid
    echo /run/munge/munged.pid >"$STATE/run/munged.ours"
  fi
}

start() {
  [[ $(id -u) == 0 ]] || { log "must run as root"; exit 1; }
  install
  stop quiet
  write_config
  start_munge
  slurmctld
  slurmd -N localhost
  for _ in $(seq 60); do
    if sinfo -h -N -o "%t" 2>/dev/null | grep -qE "^idle"; then
      log "cluster up: $(sinfo -h -o '%P %D %t')"
      return
    fi
    sleep 1
  done
  log "cluster did not come up; slurmctld log:"; tail -20 "$STATE/log/slurmctld.log" >&2 || true
  tail -20 "$STATE/log/slurmd.log" >&2 || true
  exit 1
}

stop_pid() {  # stop_pid FILE: TERM the process named in FILE, then KILL if it lingers
  local file=$1 pid
  [[ -f $file ]] || return 0
  pid=$(cat "$file")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
}

stop() {
  stop_pid "$STATE/run/slurmd.pid"
  stop_pid "$STATE/run/slurmctld.pid"
  if [[ -f $STATE/run/munged.ours ]]; then
    stop_pid "$(cat "$STATE/run/munged.ours")"
    rm -f "$STATE/run/munged.ours"
  fi
  if [[ -f $CONF ]] && grep -q "zil test cluster" "$CONF"; then
    rm -f "$CONF"
    if [[ -f $BACKUP ]]; then mv "$BACKUP" "$CONF"; fi
  fi
  rm -rf "$STATE/state" "$STATE/spool"
  [[ ${1:-} == quiet ]] || log "cluster stopped"
}

case ${1:-} in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
