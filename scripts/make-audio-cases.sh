#!/usr/bin/env bash
# Makes audio inputs that players and importers often get wrong into DIR: WebM
# without Duration, telephony WAV (mu-law, A-law, GSM 6.10, 8 kHz PCM), Ogg Opus
# and Vorbis, one minute of silence, and two files of about 65 minutes.
# Needs ffmpeg, sox and espeak-ng. Takes about a minute; the two long files
# (65 minutes each) take most of it. Pass --short to skip them.
set -euo pipefail

out="${1:?usage: make-audio-cases.sh DIR [--short]}"
short="${2:-}"
mkdir -p "$out"
cd "$out"
q=(-hide_banner -loglevel error -y)

# About 44 s of speech with 2 s pauses, 16 kHz mono: the source of every case.
espeak-ng -w speech.wav "Hi, this is a message about the quarterly report. Please call me back when you have a moment. Thanks."
sox speech.wav -r 16000 -c 1 speech16k.wav
sox -n -r 16000 -c 1 pause.wav trim 0 2
sox speech16k.wav pause.wav speech16k.wav pause.wav speech16k.wav pause.wav \
    speech16k.wav pause.wav speech16k.wav pause.wav source.wav

# WebM Opus written to a pipe, as MediaRecorder writes it: no Duration, no Cues.
ffmpeg "${q[@]}" -i source.wav -c:a libopus -b:a 32k -f webm pipe:1 > nodur.webm
# The same stream written to a seekable file: Duration and Cues present.
ffmpeg "${q[@]}" -i source.wav -c:a libopus -b:a 32k withdur.webm

# Ogg Opus and Ogg Vorbis.
ffmpeg "${q[@]}" -i source.wav -c:a libopus -b:a 24k voice.opus
ffmpeg "${q[@]}" -i source.wav -c:a libvorbis -q:a 2 voice.ogg

# Telephony WAV at 8 kHz mono: mu-law (format tag 7), A-law (6), GSM 6.10 (49), PCM (1).
sox source.wav -r 8000 -c 1 -e u-law ulaw8k.wav
sox source.wav -r 8000 -c 1 -e a-law alaw8k.wav
ffmpeg "${q[@]}" -i source.wav -ar 8000 -ac 1 -c:a libgsm_ms gsm8k.wav
ffmpeg "${q[@]}" -i source.wav -ar 8000 -ac 1 -c:a pcm_s16le pcm8k.wav

# One minute of digital silence.
sox -n -r 8000 -c 1 silent60.wav trim 0 60

if [[ "$short" != "--short" ]]; then
  # About 65 minutes: 44.1 kHz stereo MP3 (about 62 MB) and 8 kHz mono Opus WebM (about 7 MB).
  sox source.wav long-source.wav repeat 88
  ffmpeg "${q[@]}" -i long-source.wav -ar 44100 -ac 2 -c:a libmp3lame -b:a 128k long65.mp3
  ffmpeg "${q[@]}" -i long-source.wav -ar 8000 -ac 1 -c:a libopus -b:a 16k long65.webm
  rm -f long-source.wav
fi

rm -f pause.wav speech16k.wav
ls -l
