<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>DiscussionView</name>
    <message numerus="yes">
        <location filename="../../desktop/ui/discussion_view.py" line="354"/>
        <source>Mentions (%n new)</source>
        <translation>
            <numerusform>Mentions (%n new)</numerusform>
            <numerusform>Mentions (%n new)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/discussion_view.py" line="392"/>
        <source>%n unread</source>
        <translation>
            <numerusform>%n unread</numerusform>
            <numerusform>%n unread</numerusform>
        </translation>
    </message>
</context>
</TS>
