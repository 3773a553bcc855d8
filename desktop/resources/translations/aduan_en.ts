<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AuditDialog</name>
    <message numerus="yes">
        <location filename="../../ui/audit_dialog.py" line="183"/>
        <source>%n entries found.</source>
        <translation>
            <numerusform>%n entry found.</numerusform>
            <numerusform>%n entries found.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/audit_dialog.py" line="227"/>
        <source>%n entries exported.</source>
        <translation>
            <numerusform>%n entry exported.</numerusform>
            <numerusform>%n entries exported.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CacheNoticeBanner</name>
    <message numerus="yes">
        <location filename="../../ui/cache_notices.py" line="54"/>
        <source>It held %n change(s) not yet sent, which could not be read: do them again.</source>
        <translation>
            <numerusform>It held %n change not yet sent, which could not be read: do it again.</numerusform>
            <numerusform>It held %n changes not yet sent, which could not be read: do them again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DiscussionView</name>
    <message numerus="yes">
        <location filename="../../ui/discussion_view.py" line="257"/>
        <source>Mentions (%n new)</source>
        <translation>
            <numerusform>Mentions (%n new)</numerusform>
            <numerusform>Mentions (%n new)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/discussion_view.py" line="295"/>
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
<context>
    <name>UpdateRequiredBanner</name>
    <message numerus="yes">
        <location filename="../../ui/update_notice.py" line="59"/>
        <source>%n queued item(s) stay saved and will be sent after the update.</source>
        <translation>
            <numerusform>%n queued item stays saved and will be sent after the update.</numerusform>
            <numerusform>%n queued items stay saved and will be sent after the update.</numerusform>
        </translation>
    </message>
</context>
</TS>
