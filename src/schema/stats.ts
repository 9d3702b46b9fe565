// Dashboard queries (stats, topSpeakers, meetingGraph, timeline) are defined here.
export {};
