#!/usr/bin/env bash
# terminal_shots.sh [OUTDIR]   (screenshots/terminals/ holds the last ones taken)
#
# Screenshots of tuireader in bidi auto mode (the default) in real terminals,
# under a virtual X display: sakura (VTE), konsole, xterm, mlterm, and tmux
# inside sakura with allow-passthrough on and off (and off after pressing B),
# and GNU screen inside sakura. Read the PNGs by eye: the
# Arabic title and body must read right to left with joined letters, and the
# reader's bottom border names the mode and the terminal ("bidi app · VTE").
#
# Needs (Debian): xvfb xterm sakura mlterm konsole imagemagick xdotool dbus-x11 tmux
# (and screen, for the GNU screen shot)
# Run from the repository; uses src/ on PYTHONPATH, so nothing is installed.
set -u
repo=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-/tmp/tuireader-terminal-shots}
mkdir -p "$out"
cols=100 rows=30
wait_s=${WAIT:-12}
python=${PYTHON:-python3}
home=$(mktemp -d /tmp/tuireader-shots-home.XXXX)  # state and cache away from yours
run="XDG_STATE_HOME=$home/state XDG_CACHE_HOME=$home/cache XDG_CONFIG_HOME=$home/config"
run="$run PYTHONPATH=$repo/src $python -m tuireader"
reader="$run $repo/articles"

# shot TERMINAL OUT.png CMD: CMD in TERMINAL on a private X display, then a screenshot.
shot() {
  local term=$1 png=$2 cmd=$3 fdfile script xpid tpid disp
  fdfile=$(mktemp) script=$(mktemp /tmp/termshot.XXXX.sh)
  # -displayfd: the server picks a free display (others may be running one)
  Xvfb -displayfd 3 -screen 0 1920x1200x24 3>"$fdfile" >/dev/null 2>&1 &
  xpid=$!
  for _ in $(seq 50); do [ -s "$fdfile" ] && break; sleep 0.1; done
  disp=:$(head -n1 "$fdfile")
  printf '#!/bin/bash\nexport LANG=C.UTF-8 TERM=xterm-256color\n%s\nsleep 600\n' "$cmd" >"$script"
  chmod +x "$script"
  export DISPLAY=$disp
  case $term in
    xterm) setsid xterm -fa 'DejaVu Sans Mono' -fs 11 -geometry "${cols}x${rows}+0+0" -e "$script" & ;;
    sakura) setsid dbus-run-session -- sakura -c "$cols" -r "$rows" -x "$script" & ;;
    mlterm) setsid mlterm --geometry "${cols}x${rows}+0+0" -e "$script" & ;;
    konsole) setsid dbus-run-session -- konsole --nofork -p "TerminalColumns=$cols" \
      -p "TerminalRows=$rows" -e "$script" & ;;
  esac
  tpid=$!
  sleep "$wait_s"
  # KEYS: typed into the terminal before the screenshot
  [ -n "${KEYS:-}" ] && { xdotool type --delay 200 "$KEYS"; sleep 3; }
  # trimmed to the window, 48 colours: small enough to keep in the repository
  import -window root "$png" && convert "$png" -trim +repage -colors 48 "PNG8:$png"
  # end what the terminal started (its own session), then the X server
  for p in $(ps -eo pid=,sid= | awk -v s="$tpid" '$2==s {print $1}'); do kill "$p" 2>/dev/null; done
  sleep 0.5
  kill "$xpid" 2>/dev/null
  rm -f "$script" "$fdfile"
  echo "$png"
}

for term in sakura konsole xterm mlterm; do
  shot "$term" "$out/$term.png" "$reader"
done

# Control: mlterm given visual text with no escape sequence at all (--print to a
# file, then cat). Reversed here means mlterm reorders by itself.
visual=$(mktemp /tmp/tuireader-visual.XXXX.txt)
eval "$run --print $repo/articles/000_d5d7dac400910391.txt --width 80" >"$visual"
shot mlterm "$out/mlterm-plain-visual-text.png" "head -n 14 $visual"
rm -f "$visual"

# tmux inside sakura (VTE): its own server and config, so no user setting is touched
for pass in on off; do
  conf=$(mktemp /tmp/tuireader-tmux.XXXX.conf)
  printf 'set -g allow-passthrough %s\nset -g status off\n' "$pass" >"$conf"
  sock="tuireader-shots-$$-$pass"
  shot sakura "$out/tmux-passthrough-$pass.png" \
    "tmux -L $sock -f $conf new-session '$reader; sleep 600'"
  tmux -L "$sock" kill-server 2>/dev/null
  if [ "$pass" = off ]; then  # and what the notice says to press meanwhile
    sock="$sock-b"
    KEYS=B shot sakura "$out/tmux-passthrough-off-after-B.png" \
      "tmux -L $sock -f $conf new-session '$reader; sleep 600'"
    tmux -L "$sock" kill-server 2>/dev/null
  fi
  rm -f "$conf"
done

# GNU screen inside sakura: its own session, no screenrc
if command -v screen >/dev/null; then
  session="tuireader-shots-$$"
  shot sakura "$out/gnu-screen.png" "screen -c /dev/null -S $session sh -c '$reader; sleep 600'"
  screen -S "$session" -X quit 2>/dev/null
fi
