<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>DiscussionView</name>
    <message numerus="yes">
        <location filename="../../ui/discussion_view.py" line="263"/>
        <source>Mentions (%n new)</source>
        <translation>
            <numerusform>Mentions (%n new)</numerusform>
            <numerusform>Mentions (%n new)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/discussion_view.py" line="301"/>
        <source>%n unread</source>
        <translation>
            <numerusform>%n unread</numerusform>
            <numerusform>%n unread</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message numerus="yes">
        <location filename="../../ui/status_bar.py" line="68"/>
        <source>%n operation(s) waiting to be sent</source>
        <translation>
            <numerusform>%n operation waiting to be sent</numerusform>
            <numerusform>%n operations waiting to be sent</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/status_bar.py" line="72"/>
        <source>%n item(s) need attention</source>
        <translation>
            <numerusform>%n item needs attention</numerusform>
            <numerusform>%n items need attention</numerusform>
        </translation>
    </message>
</context>
</TS>
