#!/usr/bin/env bash
# Regenerates the demo recordings in server/demo/clips/: short spoken messages
# made with espeak-ng, stored as Ogg Opus, mono 16 kHz at 24 kb/s (a few KB each).
# Needs espeak-ng and ffmpeg.
set -euo pipefail

out="$(cd "$(dirname "$0")/.." && pwd)/server/demo/clips"
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# name|espeak-ng voice|words per minute|text
clips=(
  "callback-request|en-us|160|Hi, this is Dana from accounts. Please call me back about the March invoice when you have a moment. Thanks."
  "delivery-update|en|150|Hello, this is a message about your delivery. The parcel will arrive on Thursday between nine and noon."
  "meeting-moved|en-us+f3|165|Quick note: the project meeting moved to three o'clock in room four. See you there."
  "support-ticket|en-gb|155|Good afternoon. Your support ticket has been resolved. If the problem comes back, reply to the email and we will reopen it."
  "voicemail-greeting|en-us+m3|145|You have reached the sales team. Leave your name and number after the tone, and we will return your call today."
)

for entry in "${clips[@]}"; do
  IFS='|' read -r name voice speed text <<<"$entry"
  espeak-ng -v "$voice" -s "$speed" -w "$work/$name.wav" "$text"
  ffmpeg -hide_banner -loglevel error -y -i "$work/$name.wav" \
    -ac 1 -ar 16000 -c:a libopus -b:a 24k -application voip -map_metadata -1 \
    "$out/$name.opus"
done

ls -l "$out"
